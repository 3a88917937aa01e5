"""allauth adapters: no open signup, no email, and TOTP secrets encrypted with the
owner's data key through holdfast.core.crypto."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context
from allauth.mfa.adapter import DefaultMFAAdapter
from django.http import HttpRequest

from holdfast.core import crypto

MFA_CONTEXT = "mfa.authenticator.secret"


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        # Accounts exist only by invitation (holdfast.accounts.services.person_create).
        return False

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        # Holdfast holds no email addresses and sends no mail.
        return None


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
