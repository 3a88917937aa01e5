"""Invitations and passphrase resets: one-time codes, with clear errors and nothing
half-written."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone
from freezegun import freeze_time

from holdfast.accounts import services
from holdfast.accounts.models import AccessCode, Role, User
from holdfast.core.models import AuditEvent

from ..conftest import PASSPHRASE

pytestmark = pytest.mark.django_db
CODE_ERROR = b"This code is not valid"


def redeem(
    client: Client,
    code: str,
    passphrase: str = PASSPHRASE,
    again: str | None = None,
    language: str = "es",
):
    return client.post(
        "/welcome/",
        {
            "code": code,
            "passphrase": passphrase,
            "passphrase_again": again or passphrase,
            "language": language,
        },
    )


def test_coordinator_invites_participant_who_redeems_and_lands_home(people, client_for):
    coordinator = client_for(people["coordinator"])
    response = coordinator.post(
        "/people/new/",
        {"username": "new.defender", "role": "participant", "language": "fr", "home_country": "ke"},
    )
    assert response.status_code == 200
    code = response.context["code"]
    assert len(code) == 19 and code.count("-") == 3
    user = User.objects.get(username="new.defender")
    assert not user.has_usable_password()
    assert user.membership.home_country == "KE"
    assert code.encode() not in AccessCode.objects.get(user=user).code_hash.encode()

    client = Client()
    response = redeem(client, code.lower().replace("-", " "))  # forgiving about format
    assert response.status_code == 302
    assert client.get("/home/").url == "/me/"
    user.refresh_from_db()
    assert user.language == "es" and user.check_password(PASSPHRASE)
    assert AuditEvent.objects.filter(action="access_code.redeem.invite").count() == 1


@pytest.mark.parametrize("case", ["wrong", "reused", "expired", "revoked"])
def test_bad_codes_get_one_clear_message(people, case):
    user, code = services.person_create(
        actor=people["coordinator"], username="x.y", role=Role.PARTICIPANT
    )
    if case == "wrong":
        code = "AAAA-BBBB-CCCC-DDDD"
    elif case == "reused":
        assert redeem(Client(), code).status_code == 302
    elif case == "revoked":
        services.access_code_issue(
            actor=people["coordinator"], user=user, kind=AccessCode.Kind.INVITE
        )
    if case == "expired":
        with freeze_time(timezone.now() + dt.timedelta(days=8)):
            response = redeem(Client(), code, PASSPHRASE + "!")
    else:
        response = redeem(Client(), code, PASSPHRASE + "!")
    assert response.status_code == 200
    assert CODE_ERROR in response.content
    assert b"Traceback" not in response.content
    user.refresh_from_db()
    assert not user.check_password(PASSPHRASE + "!")


@pytest.mark.parametrize(
    "passphrase,message",
    [
        ("short pw", b"too short"),
        ("password1234", b"too common"),
    ],
)
def test_weak_passphrase_refused_and_code_still_works(people, passphrase, message):
    user, code = services.person_create(
        actor=people["coordinator"], username="x.y", role=Role.PARTICIPANT
    )
    response = redeem(Client(), code, passphrase)
    assert response.status_code == 200 and message in response.content
    # nothing lost: the code is kept in the form and can still be used
    assert code.encode() in response.content
    assert AccessCode.objects.get(user=user).used_at is None
    assert redeem(Client(), code).status_code == 302


def test_mismatched_passphrases(people):
    _user, code = services.person_create(
        actor=people["coordinator"], username="x.y", role=Role.PARTICIPANT
    )
    response = redeem(Client(), code, PASSPHRASE, PASSPHRASE + "x")
    assert b"not the same" in response.content


def test_reset_code_issued_by_staff_sets_new_passphrase(people, client_for):
    target = people["participant"]
    response = client_for(people["coordinator"]).post(f"/people/{target.pk}/reset-code/")
    code = response.context["code"]
    new = "a brand new passphrase 7"
    response = Client().post("/reset/", {"code": code, "passphrase": new, "passphrase_again": new})
    assert response.status_code == 302 and response.url == "/accounts/login/"
    target.refresh_from_db()
    assert target.check_password(new)
    again = Client().post(
        "/reset/", {"code": code, "passphrase": new + "!", "passphrase_again": new + "!"}
    )
    assert CODE_ERROR in again.content


def test_invite_code_is_not_a_reset_code(people):
    _user, code = services.person_create(
        actor=people["coordinator"], username="x.y", role=Role.PARTICIPANT
    )
    response = Client().post(
        "/reset/", {"code": code, "passphrase": PASSPHRASE, "passphrase_again": PASSPHRASE}
    )
    assert CODE_ERROR in response.content


def test_duplicate_pseudonym_is_a_form_error(people, client_for):
    client = client_for(people["coordinator"])
    response = client.post(
        "/people/new/", {"username": "defender", "role": "participant", "language": "en"}
    )
    assert response.status_code == 200 and b"pseudonym is taken" in response.content
