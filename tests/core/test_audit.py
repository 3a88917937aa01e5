"""The audit trail: ids only, same transaction, append-only, browsable by coordinators."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from holdfast.accounts import services
from holdfast.accounts.models import Profile
from holdfast.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_change_and_read_are_audited_with_ids_only(people, client_for):
    user = people["participant"]
    client = client_for(user)
    client.post(
        "/me/details/", {"legal_name": "Secret Name", "contact_name": "", "contact_reach": ""}
    )
    client.get("/me/details/")
    profile = Profile.objects.get(user=user)
    events = AuditEvent.objects.filter(object_type="accounts.profile", object_id=str(profile.pk))
    assert {e.action for e in events} == {"profile.update", "profile.read"}
    assert all(e.actor_id == user.pk for e in events)
    columns = {f.name for f in AuditEvent._meta.get_fields()}
    assert columns == {"id", "actor_id", "action", "object_type", "object_id", "created_at"}


def test_audit_row_rolls_back_with_the_change(people, monkeypatch):
    user = people["participant"]

    def fail(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(Profile, "save", fail)
    before = AuditEvent.objects.count()
    with pytest.raises(RuntimeError):
        services.profile_update(actor=user, user=user, legal_name="x", emergency_contact={})
    assert AuditEvent.objects.count() == before


def test_append_only_in_model_and_database(people):
    event = AuditEvent.objects.create(actor_id=1, action="x", object_type="t", object_id="1")
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    for sql in ("UPDATE core_auditevent SET action = 'y'", "DELETE FROM core_auditevent"):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cur:
            cur.execute(sql)
    assert AuditEvent.objects.filter(pk=event.pk, action="x").exists()


def test_coordinator_browses_and_filters(people, client_for):
    coordinator = people["coordinator"]
    services.profile_update(
        actor=people["participant"],
        user=people["participant"],
        legal_name="x",
        emergency_contact={},
    )
    client = client_for(coordinator)
    page = client.get("/audit/")
    assert page.status_code == 200
    actions = {e.action for e in page.context["page"]}
    assert "profile.update" in actions
    page = client.get("/audit/", {"action": "profile", "actor_id": people["participant"].pk})
    assert {e.action for e in page.context["page"]} == {"profile.update"}
    assert client_for(people["trainer"]).get("/audit/").status_code == 403


def test_staff_cannot_read_a_participants_encrypted_details(people, client_for):
    user = people["participant"]
    services.profile_update(actor=user, user=user, legal_name="Only Mine", emergency_contact={})
    for role in ("coordinator", "trainer", "protection"):
        client = client_for(people[role])
        for path in (
            "/people/",
            f"/people/{user.pk}/",
            "/trainer/",
            "/protection/",
            "/coordinator/",
            "/me/details/",
        ):
            assert b"Only Mine" not in client.get(path).content


def test_logins_logouts_passphrase_and_factor_changes_are_audited(
    people, django_capture_on_commit_callbacks
):
    from django.test import Client

    from ..conftest import PASSPHRASE, totp_now

    user = people["participant"]
    client = Client()
    client.post("/accounts/login/", {"login": user.username, "password": PASSPHRASE})
    new = PASSPHRASE + " changed"
    client.post(
        "/accounts/password/change/",
        {"oldpassword": PASSPHRASE, "password1": new, "password2": new},
    )
    page = client.get("/accounts/2fa/totp/activate/")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/2fa/totp/activate/", {"code": totp_now(page.context["form"].secret)})
    client.post("/accounts/logout/")
    actions = list(AuditEvent.objects.filter(actor_id=user.pk).values_list("action", flat=True))
    for expected in ("auth.login", "auth.passphrase.change", "mfa.add.totp", "auth.logout"):
        assert expected in actions
