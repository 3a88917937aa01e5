"""Login by pseudonym, brute-force lockout, identical errors, session limits."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client
from freezegun import freeze_time

from holdfast.accounts.signals import SESSION_LOGIN_AT
from holdfast.core.middleware import NO_ADDRESS

from ..conftest import PASSPHRASE

pytestmark = pytest.mark.django_db


def at(timestamp: float) -> dt.datetime:
    return dt.datetime.fromtimestamp(timestamp, dt.UTC)


def login(client: Client, username: str, password: str):
    return client.post("/accounts/login/", {"login": username, "password": password})


def test_participant_logs_in_by_pseudonym(people):
    client = Client()
    response = login(client, "defender", PASSPHRASE)
    assert response.status_code == 302
    assert client.get("/home/").url == "/me/"


def test_unknown_and_known_usernames_get_identical_errors(people):
    known = login(Client(), "defender", "wrong passphrase!!")
    unknown = login(Client(), "nobody-here", "wrong passphrase!!")
    assert known.status_code == unknown.status_code == 200

    def errors(response):
        return [str(e) for e in response.context["form"].non_field_errors()]

    assert errors(known) == errors(unknown) != []


def test_lockout_after_repeated_failures_same_for_unknown(people):
    for username in ("defender", "ghost-user"):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            login(Client(), username, "wrong passphrase!!")
        response = login(Client(), username, PASSPHRASE)
        assert response.status_code == 429, username
        assert b"Too many attempts" in response.content


def test_no_address_or_browser_string_is_stored(people):
    client = Client(
        HTTP_USER_AGENT="Mozilla/5.0 Canary-UA",
        REMOTE_ADDR="203.0.113.7",
        HTTP_X_FORWARDED_FOR="198.51.100.9",
    )
    login(client, "defender", "wrong passphrase!!")
    attempt = AccessAttempt.objects.get(username="defender")
    assert attempt.ip_address == NO_ADDRESS
    assert "Canary-UA" not in attempt.user_agent


def test_session_key_rotates_at_login(people):
    client = Client()
    client.get("/accounts/login/")
    client.session.save()
    before = client.session.session_key
    login(client, "defender", PASSPHRASE)
    assert client.session.session_key != before


def test_idle_timeout_is_thirty_minutes(people):
    client = Client()
    login(client, "defender", PASSPHRASE)
    response = client.get("/me/")
    # A browser-session cookie; the server forgets the session after 30 idle minutes.
    assert response.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == ""
    assert client.session.get_expiry_age() == 1800
    with freeze_time(at(time.time() + 29 * 60)):
        assert client.get("/me/").status_code == 200  # activity renews the 30 minutes
    with freeze_time(at(time.time() + (29 + 31) * 60)):
        assert client.get("/me/").status_code == 302


def test_absolute_timeout_after_twelve_hours_of_activity(people):
    client = Client()
    login(client, "defender", PASSPHRASE)
    start = client.session[SESSION_LOGIN_AT]
    for minutes in range(20, 12 * 60, 20):  # active every 20 minutes: never idle
        with freeze_time(at(start + minutes * 60)):
            assert client.get("/me/").status_code == 200
    with freeze_time(at(start + 12 * 3600 + 5)):
        response = client.get("/me/")
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_authenticated_pages_are_not_cached(people, client_for):
    response = client_for(people["participant"]).get("/me/")
    assert response["Cache-Control"] == "no-store"


def test_failures_under_other_names_never_lock_out_a_real_person(people):
    """Every client looks the same (no addresses are read): no shared limit may exist."""
    for i in range(40):
        login(Client(), f"attacker-{i}", "wrong passphrase!!")
    response = login(Client(), "defender", PASSPHRASE)
    assert response.status_code == 302
