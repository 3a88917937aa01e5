"""Shared fixtures: a fresh key directory per test, people in every role, logged-in
clients (staff with a real TOTP authenticator)."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import secrets
import struct
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from allauth.mfa.models import Authenticator
from django.test import Client

from holdfast.accounts.models import Role, User
from holdfast.accounts.signals import MFA_CONTEXT
from holdfast.core import crypto
from holdfast.programmes.models import Cohort, Membership, Programme

PASSPHRASE = "correct horse battery staple 42"


def totp_now(secret: str, at: float | None = None, step: int = 0) -> str:
    """RFC 6238 code, computed independently of allauth."""
    counter = int((at or time.time()) // 30) + step
    digest = hmac.new(base64.b32decode(secret), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = (struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 10**6
    return f"{value:06d}"


@pytest.fixture(autouse=True)
def key_dir(settings, tmp_path: Path) -> Path:
    """Every test gets its own master key and keyring."""
    path = tmp_path / "keys"
    settings.HOLDFAST_KEY_DIR = path
    crypto.keystore(path).init_master_key()
    yield path
    crypto.keystore(path).close()


@pytest.fixture
def programme(db) -> Programme:
    programme = Programme.objects.create(name="Test City", city="Test")
    Cohort.objects.create(
        programme=programme,
        name="Spring",
        starts_on=dt.date(2026, 3, 1),
        ends_on=dt.date(2026, 5, 31),
    )
    return programme


@pytest.fixture
def make_user(db, programme) -> Callable[..., User]:
    def make(
        username: str,
        role: str = Role.PARTICIPANT,
        *,
        totp: bool | None = None,
        prog: Programme | None = None,
        country: str = "KE",
    ) -> User:
        user = User(username=username, role=role)
        user.set_password(PASSPHRASE)
        user.save()
        prog = prog or programme
        Membership.objects.create(
            user=user,
            programme=prog,
            cohort=prog.cohorts.first() if role == Role.PARTICIPANT else None,
            home_country=country if role == Role.PARTICIPANT else "",
        )
        if totp if totp is not None else role != Role.PARTICIPANT:
            add_totp(user)
        return user

    return make


def add_totp(user: User) -> str:
    secret = base64.b32encode(secrets.token_bytes(20)).decode()
    Authenticator.objects.create(
        user=user,
        type=Authenticator.Type.TOTP,
        data={"secret": crypto.encrypt_text(user.key_ref, secret, context=MFA_CONTEXT)},
    )
    return secret


def totp_secret(user: User) -> str:
    auth = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    return crypto.decrypt_text(auth.data["secret"], context=MFA_CONTEXT)


@pytest.fixture
def people(make_user) -> dict[str, User]:
    return {
        "coordinator": make_user("coord", Role.COORDINATOR),
        "trainer": make_user("trainer", Role.TRAINER),
        "protection": make_user("protect", Role.PROTECTION),
        "participant": make_user("defender", Role.PARTICIPANT),
    }


@pytest.fixture
def client_for() -> Callable[[User], Client]:
    def make(user: User) -> Client:
        client = Client()
        client.force_login(user, backend="holdfast.accounts.backends.AuthenticationBackend")
        return client

    return make


@pytest.fixture(autouse=True)
def _audit_triggers(request):
    """Keep the append-only triggers in place for every database test. A transactional
    test ends with a flush of all tables, which the triggers rightly refuse: drop them
    just before (this teardown runs before the flush) and reinstall at the next test."""
    if "django_db" not in request.keywords and "live_server" not in request.fixturenames:
        yield
        return
    from django.db import connection

    from holdfast.core import audit_triggers

    marker = request.node.get_closest_marker("django_db")
    transactional = "live_server" in request.fixturenames or bool(
        marker and marker.kwargs.get("transaction")
    )
    request.getfixturevalue("transactional_db" if transactional else "db")
    audit_triggers.install(connection)
    yield
    if transactional:
        audit_triggers.uninstall(connection)
