"""Request/response plumbing that every page relies on."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from holdfast.core import crypto

Handler = Callable[[HttpRequest], HttpResponse]
logger = logging.getLogger("holdfast.crypto")

# Headers that identify the client's machine or network. Holdfast never needs them.
_CLIENT_META = (
    "HTTP_USER_AGENT",
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_REAL_IP",
    "HTTP_FORWARDED",
    "HTTP_CF_CONNECTING_IP",
    "HTTP_TRUE_CLIENT_IP",
)
NO_ADDRESS = "0.0.0.0"  # noqa: S104 - a placeholder value, never bound to


def no_client_address(request: HttpRequest) -> str:
    """For django-axes: the client address is never used or stored."""
    return NO_ADDRESS


class ForgetClientMiddleware:
    """Drop the client's address and browser string before any code can read (and store)
    them: nothing downstream, ours or a library's, ever sees them."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        for key in _CLIENT_META:
            request.META.pop(key, None)
        request.META["REMOTE_ADDR"] = NO_ADDRESS
        return self.get_response(request)


class SecurityHeadersMiddleware:
    """Headers Django's SecurityMiddleware does not set, on every response (it is the
    outermost middleware, so static files and error pages get them too)."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.HOLDFAST_PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", settings.SECURE_REFERRER_POLICY)
        response.headers.setdefault("X-Frame-Options", "DENY")
        if not request.path.startswith(settings.STATIC_URL):
            # Nothing but static files may be stored by a browser or a proxy: a shared
            # or seized device must not hold copies of pages.
            response.headers["Cache-Control"] = "no-store"
        return response


class LockdownMiddleware:
    """With the master key gone, answer every page with the lockdown notice instead of
    failing deep inside a view."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if crypto.is_locked():
            return render(request, "core/lockdown.html", status=503)
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        """Crypto failures get a clear page, never a stack trace. Logged by type only."""
        if isinstance(exception, crypto.KeyMissingError):
            return render(request, "core/lockdown.html", status=503)
        if isinstance(exception, crypto.CryptoError):
            logger.error(
                "crypto failure on %s: %s",
                request.resolver_match and request.resolver_match.view_name,
                type(exception).__name__,
            )
            return render(
                request, "core/error.html", {"status": 500, "integrity": True}, status=500
            )
        return None
