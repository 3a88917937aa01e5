"""Local settings used by `make run`: the demo on 127.0.0.1 with a generated secret key."""

from __future__ import annotations

import os
import secrets

from .base import *  # noqa: F403 - an environment's settings extend the shared ones
from .base import VAR_DIR

DEBUG = os.environ.get("HOLDFAST_DEBUG") == "1"


def _local_secret() -> str:
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(50))
    return path.read_text().strip()


SECRET_KEY = os.environ.get("HOLDFAST_SECRET_KEY") or _local_secret()
