"""TOTP for staff: mandatory before any staff page; no replay; recovery codes once."""

from __future__ import annotations

import re

import pytest
from allauth.mfa.models import Authenticator
from django.test import Client

from holdfast.accounts.models import Role

from ..conftest import PASSPHRASE, totp_now, totp_secret

pytestmark = pytest.mark.django_db
STAFF_PAGES = ["/coordinator/", "/trainer/", "/protection/", "/people/", "/audit/", "/home/"]


def login(username: str) -> Client:
    client = Client()
    response = client.post("/accounts/login/", {"login": username, "password": PASSPHRASE})
    assert response.status_code == 302
    return client


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.TRAINER, Role.PROTECTION])
def test_staff_without_totp_reach_no_staff_page(make_user, role):
    make_user("staffer", role, totp=False)
    client = login("staffer")
    for page in STAFF_PAGES:
        response = client.get(page)
        assert response.status_code == 302, page
        assert response.url == "/accounts/2fa/totp/activate/", page


def test_staff_sets_up_totp_then_reaches_home(make_user, django_capture_on_commit_callbacks):
    user = make_user("staffer", Role.TRAINER, totp=False)
    client = login("staffer")
    page = client.get("/accounts/2fa/totp/activate/")
    assert page.status_code == 200 and b"<svg" in page.content
    secret = (
        re.search(rb'id="authenticator_secret"[^>]*value="([A-Z2-7]+)"', page.content)
        .group(1)
        .decode()
    )
    response = client.post("/accounts/2fa/totp/activate/", {"code": "000000"})
    assert response.status_code == 200 and b"Incorrect code" in response.content
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/2fa/totp/activate/", {"code": totp_now(secret)})
    assert response.status_code == 302
    assert client.get("/trainer/").status_code == 200
    stored = Authenticator.objects.get(user=user, type="totp").data["secret"]
    assert stored.startswith("hf1.") and secret not in stored
    # The code used to activate cannot open the next login.
    client = Client()
    client.post("/accounts/login/", {"login": "staffer", "password": PASSPHRASE})
    response = client.post("/accounts/2fa/authenticate/", {"code": totp_now(secret)})
    assert response.status_code == 200


def test_login_needs_the_second_factor_and_refuses_replay(make_user):
    user = make_user("staffer", Role.COORDINATOR)
    code = totp_now(totp_secret(user))
    first = login("staffer")
    assert first.get("/coordinator/").status_code == 302  # not logged in yet: stage pending
    response = first.post("/accounts/2fa/authenticate/", {"code": code})
    assert response.status_code == 302
    assert first.get("/coordinator/").status_code == 200
    second = login("staffer")
    response = second.post("/accounts/2fa/authenticate/", {"code": code})
    assert response.status_code == 200  # replay refused
    assert second.get("/coordinator/").status_code == 302


def test_recovery_code_works_exactly_once(make_user, client_for):
    user = make_user("staffer", Role.PROTECTION)
    client = client_for(user)
    page = client.get("/accounts/2fa/recovery-codes/generate/")
    assert page.status_code == 200
    client.post("/accounts/2fa/recovery-codes/generate/")
    codes = client.get("/accounts/2fa/recovery-codes/").context["unused_codes"]
    assert len(codes) == 10
    stored = Authenticator.objects.get(user=user, type="recovery_codes").data["seed"]
    assert stored.startswith("hf1.")
    for expected in (302, 200):
        c = login("staffer")
        response = c.post("/accounts/2fa/authenticate/", {"code": codes[0]})
        assert response.status_code == expected


def test_staff_cannot_turn_totp_off(make_user, client_for):
    user = make_user("staffer", Role.COORDINATOR)
    client = client_for(user)
    client.post("/accounts/2fa/totp/deactivate/")
    assert Authenticator.objects.filter(user=user, type="totp").exists()


def test_participant_totp_is_optional(make_user, client_for):
    user = make_user("defender2", Role.PARTICIPANT)
    client = client_for(user)
    assert client.get("/me/").status_code == 200
    page = client.get("/accounts/2fa/totp/activate/")
    secret = page.context["form"].secret
    assert (
        client.post("/accounts/2fa/totp/activate/", {"code": totp_now(secret)}).status_code == 302
    )
    client.post("/accounts/2fa/totp/deactivate/")
    assert not Authenticator.objects.filter(user=user, type="totp").exists()
