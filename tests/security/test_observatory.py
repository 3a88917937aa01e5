"""Mozilla's HTTP Observatory scanner (MDN's, pinned in tests/tools) against the app as
deployed: production settings, gunicorn serving TLS on 443 with a throwaway certificate
and plain HTTP on 80 (which the app itself redirects to HTTPS). Bar: grade A+, no test
failed. Ports 80 and 443 need root, as CI runs; the redirection check needs port 80."""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from .test_headers import REPO, clean_env

SCANNER = REPO / "tests" / "tools" / "node_modules" / "@mdn" / "mdn-http-observatory"


def _wait_for(port: int) -> None:
    for _ in range(100):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"nothing answers on port {port}")


@pytest.fixture
def deployed(tmp_path: Path) -> Iterator[Path]:
    if os.geteuid() != 0:
        pytest.fail("The HTTP Observatory check serves on ports 80 and 443: run it as root.")
    for port in (80, 443):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                pytest.fail(f"Port {port} is already in use; the scan needs it.")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-keyout", str(key), "-out", str(cert), "-subj", "/CN=localhost",
         "-addext", "subjectAltName=DNS:localhost"],
        check=True, capture_output=True,
    )  # fmt: skip
    (tmp_path / "var").mkdir()
    env = clean_env(
        DJANGO_SETTINGS_MODULE="holdfast.settings.production",
        HOLDFAST_SECRET_KEY=secrets.token_urlsafe(60),
        HOLDFAST_VAR_DIR=str(tmp_path / "var"),
    )
    for args in (
        ("migrate", "-v0"),
        ("createcachetable",),
        ("keys", "init"),
        ("collectstatic", "--no-input", "-v0"),
    ):
        done = subprocess.run(
            [sys.executable, "manage.py", *args], cwd=REPO, env=env, capture_output=True, text=True
        )
        assert done.returncode == 0, (args, done.stderr[-2000:])
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    common = [gunicorn, "holdfast.wsgi:application", "--workers", "1", "--log-level", "warning"]
    servers = [
        subprocess.Popen(
            [*common, "--bind", "127.0.0.1:443", "--certfile", str(cert), "--keyfile", str(key)],
            cwd=REPO,
            env=env,
        ),
        subprocess.Popen([*common, "--bind", "127.0.0.1:80"], cwd=REPO, env=env),
    ]
    try:
        _wait_for(443)
        _wait_for(80)
        yield cert
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=10)


def test_http_observatory_grades_a_plus(deployed: Path):
    node = shutil.which("node")
    if node is None or not (SCANNER / "src" / "scan.js").exists():
        pytest.fail("The scanner is missing: `make test` installs it (npm ci in tests/tools).")
    # The scanner trusts the throwaway certificate and nothing else added.
    env = {**os.environ, "NODE_EXTRA_CA_CERTS": str(deployed)}
    run = subprocess.run(
        [node, str(SCANNER / "src" / "scan.js"), "localhost"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    report = json.loads(run.stdout)
    scan = report["scan"]
    failed = {name: t["result"] for name, t in report["tests"].items() if not t["pass"]}
    assert scan["error"] is None, scan["error"]
    assert (scan["grade"], scan["testsFailed"], failed) == ("A+", 0, {})
    assert report["tests"]["redirection"]["result"] == "redirection-to-https"
    assert report["tests"]["strict-transport-security"]["pass"]
