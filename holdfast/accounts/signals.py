from __future__ import annotations

import time
from typing import Any

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

SESSION_LOGIN_AT = "hf_login_at"


@receiver(user_logged_in)
def remember_login_time(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    """Start the 12-hour absolute session clock (Django already rotated the session key)."""
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_LOGIN_AT] = int(time.time())
        if getattr(user, "language", None):
            request.session["hf_language"] = user.language
