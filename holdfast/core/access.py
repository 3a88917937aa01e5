"""Every view states who may reach it. The route sweep test fails on a view without a
decision, so a new page cannot be added without thinking about access."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

View = Callable[..., HttpResponse]

if TYPE_CHECKING:
    from holdfast.accounts.models import User

STAFF_ROLES = frozenset({"coordinator", "trainer", "protection"})
ALL_ROLES = STAFF_ROLES | {"participant"}

# Views from Django and allauth, by URL name, with their access decision.
THIRD_PARTY_ACCESS: dict[str, str] = {
    "account_login": "public",
    "account_logout": "public",  # shows a logout form; logging out needs POST + CSRF
    "mfa_authenticate": "public",  # the second step of a login in progress
    "account_change_password": "authenticated",
    "account_reauthenticate": "authenticated",
    "mfa_index": "authenticated",
    "mfa_reauthenticate": "authenticated",
    "mfa_activate_totp": "authenticated",
    "mfa_deactivate_totp": "authenticated",
    "mfa_view_recovery_codes": "authenticated",
    "mfa_generate_recovery_codes": "authenticated",
    "mfa_download_recovery_codes": "authenticated",
}


def public(view: View) -> View:
    """Anyone may reach this view, logged in or not."""
    view.holdfast_access = "public"  # type: ignore[attr-defined]
    return view


def login_required(view: View) -> View:
    """Any logged-in person, whatever their role."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    wrapper.holdfast_access = "authenticated"  # type: ignore[attr-defined]
    return wrapper


def role_required(*roles: str) -> Callable[[View], View]:
    """Only people with one of these roles; others get 403, anonymous go to login."""
    unknown = set(roles) - ALL_ROLES
    if unknown:
        raise ValueError(f"unknown roles {unknown}")

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if getattr(request.user, "role", None) not in roles:
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapper.holdfast_access = "roles:" + ",".join(sorted(roles))  # type: ignore[attr-defined]
        return wrapper

    return decorator


def acting_user(request: HttpRequest) -> User:
    """The logged-in person, typed. Only for views behind one of the decorators above."""
    user = request.user
    if not user.is_authenticated:
        raise PermissionDenied
    return user
