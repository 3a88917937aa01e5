"""Writes for people and their access. Each runs in one transaction with its audit row."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django.utils import timezone

from holdfast.accounts.models import AccessCode, Profile, Role, User
from holdfast.core import audit, crypto
from holdfast.core.models import ErasureRecord
from holdfast.programmes.models import Membership

# 31 symbols without look-alikes (no 0/O, 1/I/L): 16 of them give over 79 bits.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 16
INVITE_VALID_FOR = dt.timedelta(days=7)
RESET_VALID_FOR = dt.timedelta(hours=24)


class InvalidCodeError(Exception):
    """One error for wrong, expired, used or revoked codes: no hint which."""


def _normalise(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def _hash_code(code: str) -> str:
    # Codes carry 80 random bits, so a fast hash is enough: guessing is the hard part.
    return hashlib.sha256(_normalise(code).encode("ascii", "ignore")).hexdigest()


def _new_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, CODE_LENGTH, 4))


@transaction.atomic
def access_code_issue(*, actor: User | None, user: User, kind: str) -> str:
    """Make a one-time code for ``user`` and return it (shown once, stored hashed).
    Any earlier unused code of the same kind stops working."""
    now = timezone.now()
    AccessCode.objects.filter(user=user, kind=kind, used_at=None, revoked_at=None).update(
        revoked_at=now
    )
    code = _new_code()
    valid_for = INVITE_VALID_FOR if kind == AccessCode.Kind.INVITE else RESET_VALID_FOR
    access = AccessCode.objects.create(
        user=user,
        kind=kind,
        code_hash=_hash_code(code),
        created_by=actor,
        expires_at=now + valid_for,
    )
    audit.record(actor=actor, action=f"access_code.issue.{kind}", obj=access)
    return code


@transaction.atomic
def person_create(
    *, actor: User | None, username: str, role: str, language: str = "en"
) -> tuple[User, str]:
    """Create a pseudonymous account with no usable passphrase and an invite code."""
    if role not in Role.values:
        raise ValueError(f"unknown role {role!r}")
    user = User(username=username, role=role, language=language)
    user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    audit.record(actor=actor, action="person.create", obj=user)
    code = access_code_issue(actor=actor, user=user, kind=AccessCode.Kind.INVITE)
    return user, code


def _take_code(code: str, kind: str) -> AccessCode:
    access = (
        AccessCode.objects.select_for_update()
        .select_related("user")
        .filter(code_hash=_hash_code(code), kind=kind)
        .first()
    )
    if (
        access is None
        or access.used_at is not None
        or access.revoked_at is not None
        or access.expires_at <= timezone.now()
        or not access.user.is_active
    ):
        raise InvalidCodeError
    return access


@transaction.atomic
def invite_redeem(*, code: str, passphrase: str, language: str) -> User:
    """Set the passphrase and language of the invited person. Raises InvalidCodeError or
    django's ValidationError (weak passphrase); either way nothing is written."""
    access = _take_code(code, AccessCode.Kind.INVITE)
    user = access.user
    validate_password(passphrase, user=user)
    user.set_password(passphrase)
    user.language = language
    user.save(update_fields=["password", "language"])
    access.used_at = timezone.now()
    access.save(update_fields=["used_at"])
    audit.record(actor=user, action="access_code.redeem.invite", obj=access)
    return user


@transaction.atomic
def reset_redeem(*, code: str, passphrase: str) -> User:
    access = _take_code(code, AccessCode.Kind.RESET)
    user = access.user
    validate_password(passphrase, user=user)
    user.set_password(passphrase)
    user.save(update_fields=["password"])
    access.used_at = timezone.now()
    access.save(update_fields=["used_at"])
    audit.record(actor=user, action="access_code.redeem.reset", obj=access)
    return user


@transaction.atomic
def profile_update(
    *, actor: User, user: User, legal_name: str, emergency_contact: dict[str, Any]
) -> Profile:
    """A person updates their own encrypted details (no one else may)."""
    if actor.pk != user.pk:
        raise PermissionError("only the person themselves may change these details")
    profile, _created = Profile.objects.select_for_update().get_or_create(user=user)
    profile.legal_name = legal_name or None
    profile.emergency_contact = emergency_contact or None
    profile.save()
    audit.record(actor=actor, action="profile.update", obj=profile)
    return profile


@transaction.atomic
def language_set(*, user: User, language: str) -> None:
    user.language = language
    user.save(update_fields=["language"])


def _erase_account(user: User) -> None:
    """Close the account and drop what identifies the person in clear: the pseudonym
    becomes an opaque label and the home country is forgotten. Ids stay for the audit
    trail and cohort counts."""
    user.erased_at = timezone.now()
    user.is_active = False
    user.username = f"erased-{user.key_ref[:12]}"
    user.set_unusable_password()
    user.save(update_fields=["erased_at", "is_active", "username", "password"])
    Membership.objects.filter(user=user).update(home_country="")
    AccessCode.objects.filter(user=user, used_at=None).update(revoked_at=timezone.now())
    ErasureRecord.objects.get_or_create(key_ref=user.key_ref)


@transaction.atomic
def person_erase(*, actor: User | None, user: User) -> int:
    """Crypto-shred a person: close the account, record the erasure, destroy their data
    keys. Their encrypted records become unreadable everywhere, backups included."""
    _erase_account(user)
    audit.record(actor=actor, action="person.erase", obj=user)
    # Destroy last: if anything above failed, the transaction rolls back and the key stays.
    # The keyring is a separate store, so this is the step that cannot be rolled back.
    return crypto.keystore().destroy(user.key_ref)


@transaction.atomic
def erasures_reconcile() -> dict[str, int]:
    """After restoring a backup of the database or of the keys, make both agree that
    every erased person is erased: destroy keys listed in the database's ledger, and close
    accounts whose keys the keyring records as destroyed."""
    store = crypto.keystore()
    keys = 0
    for key_ref in ErasureRecord.objects.values_list("key_ref", flat=True):
        keys += store.destroy(key_ref)
    closed = 0
    for user in User.objects.filter(key_ref__in=store.destroyed_refs(), erased_at=None):
        _erase_account(user)
        audit.record(actor=None, action="person.erase.reconcile", obj=user)
        closed += 1
    return {"keys_destroyed": keys, "accounts_closed": closed}
