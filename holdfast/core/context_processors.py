from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def holdfast(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    role = getattr(user, "role", None) if user is not None and user.is_authenticated else None
    return {
        "hf_role": role,
        "hf_quick_exit": role == "participant",
        "hf_languages": settings.LANGUAGES,
    }
