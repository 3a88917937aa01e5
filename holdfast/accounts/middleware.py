from __future__ import annotations

import time
from collections.abc import Callable

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from holdfast.accounts.signals import SESSION_LOGIN_AT, SESSION_SEEN_AT

Handler = Callable[[HttpRequest], HttpResponse]


class SessionLimitsMiddleware:
    """End a session 12 hours after login, however active; keep an active session from
    hitting the 30-minute idle limit by renewing its expiry (at most once a minute)."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            started = request.session.get(SESSION_LOGIN_AT)
            limit = settings.HOLDFAST_SESSION_ABSOLUTE_SECONDS
            now = time.time()
            if started is None or now - float(started) > limit:
                logout(request)
                messages.info(request, _("Your session ended. Please log in again."))
                return redirect(settings.LOGIN_URL)
            seen = request.session.get(SESSION_SEEN_AT, 0)
            if now - float(seen) >= settings.HOLDFAST_SESSION_RENEW_SECONDS:
                request.session[SESSION_SEEN_AT] = int(now)  # marks it modified: saved
        return self.get_response(request)


class UserLanguageMiddleware:
    """A logged-in person sees the interface in the language they chose."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = (
            getattr(request.user, "language", None) if request.user.is_authenticated else None
        )
        if language and language in dict(settings.LANGUAGES):
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)


# Paths a staff member without a second factor may still use: setting one up, logging
# out, choosing a language, static files.
_SETUP_PREFIXES = ("/accounts/", "/language/", "/static/")


class StaffSecondFactorMiddleware:
    """No staff page without TOTP: a staff member who has none is sent to set it up."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and getattr(user, "is_staff_role", False)
            and not request.path.startswith(_SETUP_PREFIXES)
            and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        ):
            messages.warning(
                request,
                _("Staff accounts need a second factor. Set up an authenticator app first."),
            )
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)
