"""Pages every visitor shares: landing, home dispatch, language, quick exit, errors."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from holdfast.accounts import services as account_services
from holdfast.core.access import login_required, public

ROLE_HOMES = {
    "coordinator": "coordinator_home",
    "trainer": "trainer_home",
    "protection": "protection_home",
    "participant": "participant_home",
}


@public
def landing(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("home")
    return render(request, "core/landing.html")


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return redirect(ROLE_HOMES.get(getattr(request.user, "role", ""), "landing"))


@public
@require_POST
def language_set(request: HttpRequest) -> HttpResponse:
    """Choose the interface language (a plain form: works without JavaScript)."""
    language = request.POST.get("language", "")
    target = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    response = HttpResponseRedirect(target)
    if language in dict(settings.LANGUAGES):
        if request.user.is_authenticated:
            account_services.language_set(user=request.user, language=language)
        translation.activate(language)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=365 * 24 * 3600,
            samesite="Lax",
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            secure=settings.LANGUAGE_COOKIE_SECURE,
        )
    return response


@public
def quick_exit(request: HttpRequest) -> HttpResponse:
    """Leave at once: end the session, ask the browser to forget this site, go elsewhere.
    A plain link (GET) on purpose: it must work in one tap, without JavaScript."""
    logout(request)
    response = HttpResponseRedirect(settings.HOLDFAST_QUICK_EXIT_URL)
    response.headers["Clear-Site-Data"] = '"cache", "cookies", "storage"'
    return response


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "core/error.html", {"status": 403, "csrf": True}, status=403)


def error_400(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "core/error.html", {"status": 400}, status=400)


def error_403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "core/error.html", {"status": 403}, status=403)


def error_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "core/error.html", {"status": 404}, status=404)


def error_500(request: HttpRequest) -> HttpResponse:
    return render(request, "core/error.html", {"status": 500}, status=500)
