from __future__ import annotations

import time
from typing import Any

from allauth.account.signals import password_changed
from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authenticator_added, authenticator_removed
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver

from holdfast.core import audit, crypto

MFA_CONTEXT = "mfa.authenticator.secret"

SESSION_LOGIN_AT = "hf_login_at"
SESSION_SEEN_AT = "hf_seen_at"


@receiver(user_logged_in)
def remember_login_time(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    """Start the 12-hour absolute session clock (Django already rotated the session key)
    and audit the login."""
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_LOGIN_AT] = int(time.time())
    audit.record(actor=user, action="auth.login", obj=user)


@receiver(user_logged_out)
def audit_logout(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        audit.record(actor=user, action="auth.logout", obj=user)


@receiver(password_changed)
def audit_passphrase_change(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    audit.record(actor=user, action="auth.passphrase.change", obj=user)


@receiver(authenticator_removed)
def audit_authenticator_removed(
    sender: Any, request: Any, user: Any, authenticator: Any, **kwargs: Any
) -> None:
    audit.record(actor=user, action=f"mfa.remove.{authenticator.type}", obj=user)


@receiver(authenticator_added)
def on_authenticator_added(
    sender: Any, request: Any, user: Any, authenticator: Any, **kwargs: Any
) -> None:
    """Audit it (allauth sends this after its own transaction commits). And burn the
    activation code: allauth checks it without marking it used, so the same code would
    open the next login. Every code valid right now is marked used."""
    audit.record(actor=user, action=f"mfa.add.{authenticator.type}", obj=user)
    if authenticator.type != Authenticator.Type.TOTP:
        return
    totp = TOTP(authenticator)
    secret = crypto.decrypt_text(authenticator.data["secret"], context=MFA_CONTEXT)
    for counter in yield_hotp_counters_from_time():
        totp._mark_code_used(format_hotp_value(hotp_value(secret, counter)))
