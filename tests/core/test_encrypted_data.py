"""Encrypted fields end to end, through the database: erasure, rotation, canaries."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client

from holdfast.accounts import services
from holdfast.accounts.models import Profile, Role
from holdfast.core import crypto
from holdfast.core import services as key_services
from holdfast.core.fields import ERASED
from holdfast.core.models import AuditEvent, ErasureRecord

from ..conftest import PASSPHRASE, totp_secret

pytestmark = pytest.mark.django_db


def raw_column(model, pk, column):
    with connection.cursor() as cur:
        cur.execute(f"SELECT {column} FROM {model._meta.db_table} WHERE id = %s", [pk])  # noqa: S608
        return cur.fetchone()[0]


def test_fields_are_ciphertext_in_the_database(make_user):
    user = make_user("zeta")
    profile = services.profile_update(
        actor=user,
        user=user,
        legal_name="Zeta Real Name",
        emergency_contact={"name": "Mum", "reach": "+254"},
    )
    stored = raw_column(Profile, profile.pk, "legal_name")
    assert stored.startswith("hf1.") and "Zeta" not in stored
    assert crypto.key_id_of(stored).startswith(user.key_ref)
    fresh = Profile.objects.get(pk=profile.pk)
    assert fresh.legal_name == "Zeta Real Name"
    assert fresh.emergency_contact == {"name": "Mum", "reach": "+254"}


def test_plaintext_cannot_be_written_with_update_or_filtered(make_user):
    user = make_user("zeta")
    services.profile_update(actor=user, user=user, legal_name="x", emergency_contact={})
    with pytest.raises(TypeError, match="encrypted"):
        Profile.objects.filter(user=user).update(legal_name="plain")
    with pytest.raises(TypeError, match="encrypted"):
        list(Profile.objects.filter(legal_name="x"))


def test_erasure_shreds_one_person_only(make_user, people):
    a, b = make_user("alpha"), make_user("beta")
    pa = services.profile_update(actor=a, user=a, legal_name="Alpha", emergency_contact={})
    pb = services.profile_update(actor=b, user=b, legal_name="Beta", emergency_contact={})
    services.person_erase(actor=people["coordinator"], user=a)
    assert Profile.objects.get(pk=pa.pk).legal_name is ERASED
    assert Profile.objects.get(pk=pb.pk).legal_name == "Beta"
    assert ErasureRecord.objects.filter(key_ref=a.key_ref).exists()
    assert AuditEvent.objects.filter(action="person.erase", object_id=str(a.pk)).exists()
    a.refresh_from_db()
    assert not a.is_active


def test_erased_data_stays_unreadable_after_old_backup_and_escrow_restore(
    make_user, people, key_dir, tmp_path
):
    """The backup and the escrow copy were both taken before the erasure."""
    a = make_user("alpha")
    profile = services.profile_update(actor=a, user=a, legal_name="Alpha", emergency_contact={})
    old_backup_token = raw_column(Profile, profile.pk, "legal_name")
    escrow = tmp_path / "escrow.json"
    pw = tmp_path / "pw"
    pw.write_text("escrow passphrase long enough\n")
    call_command("keys", "escrow", "--out", str(escrow), "--passphrase-file", str(pw))
    services.person_erase(actor=people["coordinator"], user=a)
    call_command("lockdown", "--confirm", "LOCK DOWN")
    call_command("keys", "restore", str(escrow), "--passphrase-file", str(pw))
    with pytest.raises(crypto.KeyDestroyedError):
        crypto.decrypt_text(old_backup_token, context="accounts.profile.legal_name")


def test_rotation_reencrypts_every_row_and_totp(make_user, client_for):
    users = [make_user(f"p{i}") for i in range(5)]
    staff = make_user("staffer", Role.TRAINER)
    secret = totp_secret(staff)
    for u in users:
        services.profile_update(
            actor=u, user=u, legal_name=f"name {u.username}", emergency_contact={"n": u.username}
        )
    before = {p.pk: raw_column(Profile, p.pk, "legal_name") for p in Profile.objects.all()}
    old_master = crypto.keystore().master_key_id()
    result = key_services.keys_rotate()
    assert result["owners"] == 6
    assert crypto.keystore().master_key_id() != old_master
    for profile in Profile.objects.select_related("user"):
        token = raw_column(Profile, profile.pk, "legal_name")
        assert token != before[profile.pk]
        assert crypto.keystore().is_current(token)
        assert profile.legal_name == f"name {profile.user.username}"
        assert profile.emergency_contact == {"n": profile.user.username}
    assert totp_secret(staff) == secret


def test_rotation_resumes_after_interruption(make_user):
    users = [make_user(f"p{i}") for i in range(4)]
    for u in users:
        services.profile_update(actor=u, user=u, legal_name=u.username, emergency_contact={})
    with pytest.raises(InterruptedError):
        key_services.keys_rotate(stop_after_owners=2)
    assert crypto.keystore().rotation_in_progress()
    # Everything is still readable mid-rotation.
    assert sorted(p.legal_name for p in Profile.objects.all()) == sorted(u.username for u in users)
    key_services.keys_rotate()
    assert not crypto.keystore().rotation_in_progress()
    assert sorted(p.legal_name for p in Profile.objects.all()) == sorted(u.username for u in users)


def test_keys_rotate_command_shows_progress(make_user, capsys):
    u = make_user("p")
    services.profile_update(actor=u, user=u, legal_name="n", emergency_contact={})
    call_command("keys", "rotate")
    out = capsys.readouterr()
    assert "values" in out.err and "100%" in out.err
    assert "Rotated" in out.out


def test_lockdown_page_instead_of_failure(make_user, client_for):
    user = make_user("p")
    client = client_for(user)
    call_command("lockdown", "--confirm", "LOCK DOWN")
    response = Client().get("/")
    assert response.status_code == 503
    assert b"locked down" in response.content
    response = client.get("/me/details/")
    assert response.status_code == 503


def test_lockdown_needs_exact_confirmation():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="did not match"):
        call_command("lockdown", "--confirm", "yes")
    assert not crypto.is_locked()


def test_tampered_ciphertext_gives_clear_page_no_trace(make_user, client_for):
    user = make_user("p")
    profile = services.profile_update(actor=user, user=user, legal_name="n", emergency_contact={})
    token = raw_column(Profile, profile.pk, "legal_name")
    tampered = token[:-6] + ("A" if token[-6] != "A" else "B") + token[-5:]
    with connection.cursor() as cur:
        cur.execute(
            "UPDATE accounts_profile SET legal_name = %s WHERE id = %s", [tampered, profile.pk]
        )
    response = client_for(user).get("/me/details/")
    assert response.status_code == 500
    assert b"integrity check" in response.content
    assert b"Traceback" not in response.content


@pytest.mark.django_db(transaction=True)
def test_canary_never_reaches_disk_or_logs(make_user, client_for, caplog, capfd):
    canary = "CANARY-7f3e9a-Reyes-Quispe"
    user = make_user("canary.person")
    user.set_password(PASSPHRASE)
    user.save()
    caplog.set_level(logging.DEBUG)
    client = client_for(user)
    response = client.post(
        "/me/details/", {"legal_name": canary, "contact_name": canary, "contact_reach": canary}
    )
    assert response.status_code == 302
    page = client.get("/me/details/")
    assert canary.encode() in page.content  # the owner can read it back
    assert canary not in caplog.text
    captured = capfd.readouterr()
    assert canary not in captured.out and canary not in captured.err
    if connection.vendor == "sqlite":
        db_file = Path(connection.settings_dict["NAME"])
        for path in (db_file, Path(f"{db_file}-wal")):
            if path.exists():
                assert canary.encode() not in path.read_bytes(), path
    else:
        with connection.cursor() as cur:
            cur.execute("SELECT legal_name FROM accounts_profile")
            assert all(canary not in (row[0] or "") for row in cur.fetchall())


def test_erasure_forgets_pseudonym_and_home_country(make_user, people):
    user = make_user("river.stone", country="CO")
    services.person_erase(actor=people["coordinator"], user=user)
    user.refresh_from_db()
    assert user.username.startswith("erased-") and "river" not in user.username
    assert user.membership.home_country == ""
    assert user.membership.cohort is not None  # kept for anonymous counts


def test_reconcile_after_restoring_an_older_database_backup(make_user, people):
    """The keyring says the person is erased; the restored database does not know yet."""
    user = make_user("old.timer")
    services.profile_update(actor=user, user=user, legal_name="x", emergency_contact={})
    crypto.keystore().destroy(user.key_ref)  # erased after the database backup was taken
    call_command("keys", "reconcile")
    user.refresh_from_db()
    assert user.erased_at is not None and not user.is_active
    assert (
        Client()
        .post("/accounts/login/", {"login": "old.timer", "password": PASSPHRASE})
        .status_code
        == 200
    )


def test_lockdown_with_wrong_key_directory_says_so(settings, tmp_path):
    from django.core.management.base import CommandError

    real = settings.HOLDFAST_KEY_DIR
    settings.HOLDFAST_KEY_DIR = tmp_path / "nowhere"
    with pytest.raises(CommandError, match="no key directory"):
        call_command("lockdown", "--confirm", "LOCK DOWN")
    settings.HOLDFAST_KEY_DIR = real
    assert not crypto.is_locked()
