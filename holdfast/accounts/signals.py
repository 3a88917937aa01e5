from __future__ import annotations

import time
from typing import Any

from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authenticator_added
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from holdfast.core import crypto

MFA_CONTEXT = "mfa.authenticator.secret"

SESSION_LOGIN_AT = "hf_login_at"
SESSION_SEEN_AT = "hf_seen_at"


@receiver(user_logged_in)
def remember_login_time(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    """Start the 12-hour absolute session clock (Django already rotated the session key)."""
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_LOGIN_AT] = int(time.time())
        if getattr(user, "language", None):
            request.session["hf_language"] = user.language


@receiver(authenticator_added)
def burn_activation_code(
    sender: Any, request: Any, user: Any, authenticator: Any, **kwargs: Any
) -> None:
    """allauth checks the activation code without marking it used, so the same code would
    open the next login. Mark every code valid right now as used."""
    if authenticator.type != Authenticator.Type.TOTP:
        return
    totp = TOTP(authenticator)
    secret = crypto.decrypt_text(authenticator.data["secret"], context=MFA_CONTEXT)
    for counter in yield_hotp_counters_from_time():
        totp._mark_code_used(format_hotp_value(hotp_value(secret, counter)))
