"""Serve with gunicorn: sync workers, no access log (it would hold addresses)."""

from __future__ import annotations

import os
import sys


def serve(extra: list[str]) -> None:
    bind = os.environ.get("HOLDFAST_BIND", "127.0.0.1:8000")
    workers = os.environ.get("HOLDFAST_WORKERS", "2")
    args = [
        "gunicorn",
        "holdfast.wsgi:application",
        "--bind",
        bind,
        "--workers",
        workers,
        "--worker-class",
        "sync",
        "--max-requests",
        "2000",
        "--max-requests-jitter",
        "200",
        "--error-logfile",
        "-",
        "--log-level",
        "warning",
        *extra,
    ]
    gunicorn = os.path.join(os.path.dirname(sys.executable), "gunicorn")
    os.execv(gunicorn, args)  # noqa: S606 - our own server, fixed arguments
