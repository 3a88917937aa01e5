"""Security headers on every response: pages, errors and static files."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client, override_settings

from .routes import all_routes

pytestmark = pytest.mark.django_db
REPO = Path(__file__).resolve().parents[2]


def clean_env(**extra: str) -> dict[str, str]:
    """The environment of a deployment: nothing the test run itself set."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    return {**env, **extra}


def assert_security_headers(response, *, page: bool = True) -> None:
    csp = response.get("Content-Security-Policy", "")
    for part in (
        "default-src 'none'",
        "style-src 'self'",
        "img-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ):
        assert part in csp, (part, csp)
    assert "unsafe-inline" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    policy = response["Permissions-Policy"]
    for feature in (
        "camera=()",
        "microphone=()",
        "geolocation=()",
        "accelerometer=()",
        "gyroscope=()",
        "magnetometer=()",
    ):
        assert feature in policy
    if page:
        assert response["Cache-Control"] == "no-store"


def test_every_route_anonymous_has_headers():
    for route in all_routes():
        assert_security_headers(Client().get(route.path))


@pytest.mark.parametrize("role", ["coordinator", "trainer", "protection", "participant"])
def test_every_route_authenticated_has_headers_and_no_store(people, client_for, role):
    client = client_for(people[role])
    for route in all_routes(pk=people["participant"].pk):
        if route.name in ("quick_exit", "account_logout"):
            continue
        assert_security_headers(client.get(route.path))


def test_404_has_headers():
    response = Client().get("/no/such/page/")
    assert response.status_code == 404
    assert_security_headers(response)


@override_settings(ROOT_URLCONF="tests.security.urls_error")
def test_500_has_headers_and_no_trace():
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500
    assert_security_headers(response)
    assert b"deliberate failure" not in response.content
    assert b"Traceback" not in response.content


def test_static_file_has_headers():
    response = Client().get("/static/css/holdfast.css")
    assert response.status_code == 200
    assert_security_headers(response, page=False)
    body = b"".join(response.streaming_content)
    assert len(body) <= 20 * 1024, "the stylesheet must stay within 20 KB"


def test_post_without_csrf_token_is_refused(people):
    client = Client(enforce_csrf_checks=True)
    client.force_login(
        people["participant"], backend="holdfast.accounts.backends.AuthenticationBackend"
    )
    response = client.post("/me/details/", {"legal_name": "x"})
    assert response.status_code == 403
    assert_security_headers(response)


def test_production_settings_pass_check_deploy(tmp_path):
    env = clean_env(
        DJANGO_SETTINGS_MODULE="holdfast.settings.production",
        HOLDFAST_SECRET_KEY="p" * 20 + "Q9x!_-" * 8,
        HOLDFAST_ALLOWED_HOSTS="holdfast.example.org",
        HOLDFAST_VAR_DIR=str(tmp_path),
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_a_missing_secret_key(tmp_path):
    env = clean_env(
        DJANGO_SETTINGS_MODULE="holdfast.settings.production",
        HOLDFAST_SECRET_KEY="",
        HOLDFAST_VAR_DIR=str(tmp_path),
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "HOLDFAST_SECRET_KEY must be set" in result.stderr


def test_unreachable_database_gives_a_clear_message(tmp_path):
    env = clean_env(
        DJANGO_SETTINGS_MODULE="holdfast.settings.dev",
        HOLDFAST_VAR_DIR=str(tmp_path),
        DATABASE_URL="postgres://holdfast:s3cret-pw@127.0.0.1:9/holdfast",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--check"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "cannot use the database" in result.stderr
    assert "127.0.0.1:9" in result.stderr
    assert "Traceback" not in result.stderr
    assert "s3cret-pw" not in result.stderr
