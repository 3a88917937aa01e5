"""allauth adapters: no open signup, no email, and TOTP secrets encrypted with the
owner's data key through holdfast.core.crypto."""

from __future__ import annotations

import time
from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context
from allauth.mfa.adapter import DefaultMFAAdapter
from django.conf import settings
from django.http import HttpRequest

from holdfast.accounts.signals import MFA_CONTEXT, SESSION_LOGIN_AT
from holdfast.core import crypto


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        # Accounts exist only by invitation (holdfast.accounts.services.person_create).
        return False

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        # Holdfast holds no email addresses and sends no mail.
        return None

    def is_reauthentication_required(self, *, app: str = "") -> bool:
        """A login within the reauthentication window counts as recent: a staff member
        sent to set up TOTP right after logging in need not type the passphrase twice."""
        request = context.request
        started = request.session.get(SESSION_LOGIN_AT) if request is not None else None
        window = settings.ACCOUNT_REAUTHENTICATION_TIMEOUT
        if started is not None and time.time() - float(started) < window:
            return False
        return super().is_reauthentication_required(app=app)


class MFAAdapter(DefaultMFAAdapter):
    def _owner_ref(self) -> str:
        # Secrets are only ever encrypted by a logged-in person setting up their own
        # authenticator; decryption needs no owner (the ciphertext names its key).
        key_ref = getattr(getattr(context.request, "user", None), "key_ref", None)
        if not key_ref:
            raise crypto.CryptoError("no owner for this authenticator secret")
        return str(key_ref)

    def encrypt(self, text: str) -> str:
        return crypto.encrypt_text(self._owner_ref(), text, context=MFA_CONTEXT)

    def decrypt(self, encrypted_text: str) -> str:
        return crypto.decrypt_text(encrypted_text, context=MFA_CONTEXT)

    def send_notification_mail(self, *args: Any, **kwargs: Any) -> None:
        return None

    def can_delete_authenticator(self, authenticator: Any) -> bool:
        """Staff must keep their second factor; participants may turn theirs off."""
        return not getattr(authenticator.user, "is_staff_role", False)


def axes_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str | None:
    """django-axes: allauth authenticates with ``username=``; its form posts ``login``."""
    if credentials and credentials.get("username"):
        return str(credentials["username"])
    value = request.POST.get("login") if request is not None else None
    return value or None
