"""Thin views: parse the form, call a service or selector, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from holdfast.accounts import selectors, services
from holdfast.accounts.forms import (
    AuditFilterForm,
    ConfirmEraseForm,
    InviteRedeemForm,
    PersonCreateForm,
    ProfileForm,
    ResetRedeemForm,
)
from holdfast.accounts.models import AccessCode, Role
from holdfast.core.access import acting_user, public, role_required
from holdfast.programmes import selectors as programme_selectors
from holdfast.programmes import services as programme_services


def _code_error() -> str:
    return _(
        "This code is not valid. It may be mistyped, expired or already used. "
        "Ask the person who gave it to you for a new one."
    )


@public
def invite_redeem(request: HttpRequest) -> HttpResponse:
    form = InviteRedeemForm(request.POST or None, initial={"language": request.LANGUAGE_CODE})
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invite_redeem(
                code=form.cleaned_data["code"],
                passphrase=form.cleaned_data["passphrase"],
                language=form.cleaned_data["language"],
            )
        except services.InvalidCodeError:
            form.add_error("code", _code_error())
        except ValidationError as exc:
            form.add_error("passphrase", exc)
        else:
            login(request, user, backend="holdfast.accounts.backends.AuthenticationBackend")
            messages.success(request, _("Welcome. Your passphrase is set."))
            return redirect("home")
    return render(request, "accounts/invite_redeem.html", {"form": form})


@public
def reset_redeem(request: HttpRequest) -> HttpResponse:
    form = ResetRedeemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.reset_redeem(
                code=form.cleaned_data["code"], passphrase=form.cleaned_data["passphrase"]
            )
        except services.InvalidCodeError:
            form.add_error("code", _code_error())
        except ValidationError as exc:
            form.add_error("passphrase", exc)
        else:
            messages.success(request, _("Your new passphrase is set. Please log in."))
            return redirect("account_login")
    return render(request, "accounts/reset_redeem.html", {"form": form})


@role_required("participant")
def participant_home(request: HttpRequest) -> HttpResponse:
    membership = programme_selectors.membership_for(actor=acting_user(request))
    return render(request, "accounts/home_participant.html", {"membership": membership})


@role_required("participant")
def profile_edit(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    if request.method == "POST":
        form = ProfileForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            contact = {
                k: v
                for k, v in (("name", data["contact_name"]), ("reach", data["contact_reach"]))
                if v
            }
            services.profile_update(
                actor=user, user=user, legal_name=data["legal_name"], emergency_contact=contact
            )
            messages.success(request, _("Your details are saved."))
            return redirect("profile_edit")
    else:
        profile = selectors.profile_for(actor=user, user=user)
        contact = (profile.emergency_contact if profile else None) or {}
        form = ProfileForm(
            initial={
                "legal_name": profile.legal_name if profile else "",
                "contact_name": contact.get("name", ""),
                "contact_reach": contact.get("reach", ""),
            }
        )
    return render(request, "accounts/profile_edit.html", {"form": form})


@role_required("coordinator")
def coordinator_home(request: HttpRequest) -> HttpResponse:
    counts = dict.fromkeys(Role.values, 0)
    counts.update(selectors.people_count_by_role(actor=acting_user(request)))
    return render(
        request,
        "accounts/home_coordinator.html",
        {
            "counts": [(Role(r).label, n) for r, n in counts.items()],
            "cohorts": programme_selectors.cohorts_for(actor=acting_user(request)),
        },
    )


def _staff_home(request: HttpRequest) -> HttpResponse:
    """Trainers and protection officers share a home page until their tools arrive: the
    programme's cohorts, and the participants of one of them."""
    actor = acting_user(request)
    cohorts = list(programme_selectors.cohorts_for(actor=actor))
    cohort = programme_selectors.cohort_chosen(cohorts, request.GET.get("cohort"))
    # One cohort's participants at a time: a programme gathers hundreds over the years.
    participants = selectors.participants_for(actor=actor).filter(membership__cohort=cohort)
    return render(
        request,
        "accounts/home_staff.html",
        {"cohorts": cohorts, "cohort": cohort, "participants": participants},
    )


trainer_home = role_required("trainer")(_staff_home)
protection_home = role_required("protection")(_staff_home)


PEOPLE_PAGE_SIZE = 50


@role_required("coordinator")
def people_list(request: HttpRequest) -> HttpResponse:
    people = selectors.people_for(actor=acting_user(request))
    page = Paginator(people, PEOPLE_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "accounts/people_list.html", {"page": page, "filters": ""})


@role_required("coordinator")
def person_create(request: HttpRequest) -> HttpResponse:
    actor = acting_user(request)
    form = PersonCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                user, code = services.person_create(
                    actor=actor,
                    username=data["username"],
                    role=data["role"],
                    language=data["language"],
                )
                programme_services.membership_add(
                    actor=actor, user=user, home_country=data["home_country"]
                )
        except (ValidationError, IntegrityError):
            form.add_error("username", _("This pseudonym is taken. Choose another."))
        else:
            return render(
                request,
                "accounts/code_issued.html",
                {
                    "person": user,
                    "code": code,
                    "kind": AccessCode.Kind.INVITE,
                },
            )
    return render(request, "accounts/person_create.html", {"form": form})


@role_required("coordinator")
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = selectors.person_get(actor=acting_user(request), pk=pk)
    return render(
        request,
        "accounts/person_detail.html",
        {
            "person": person,
            "erase_form": ConfirmEraseForm(),
        },
    )


@role_required("coordinator")
@require_POST
def person_reset_code(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting_user(request)
    person = selectors.person_get(actor=actor, pk=pk)
    if person.erased_at:
        messages.error(request, _("This person was erased."))
        return redirect("person_detail", pk=pk)
    code = services.access_code_issue(actor=actor, user=person, kind=AccessCode.Kind.RESET)
    return render(
        request,
        "accounts/code_issued.html",
        {
            "person": person,
            "code": code,
            "kind": AccessCode.Kind.RESET,
        },
    )


@role_required("coordinator")
@require_POST
def person_erase(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting_user(request)
    person = selectors.person_get(actor=actor, pk=pk)
    form = ConfirmEraseForm(request.POST)
    if person.pk == actor.pk:
        messages.error(request, _("You cannot erase yourself."))
    elif form.is_valid() and form.cleaned_data["confirm"] == person.username:
        services.person_erase(actor=actor, user=person)
        messages.success(
            request, _("The person was erased. Their encrypted records can no longer be read.")
        )
        return redirect("people_list")
    else:
        messages.error(request, _("The pseudonym you typed does not match. Nothing was erased."))
    return redirect("person_detail", pk=pk)


@role_required("coordinator")
def audit_list(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    events = selectors.audit_events_for(
        actor=acting_user(request),
        action=filters.get("action") or "",
        object_type=filters.get("object_type") or "",
        actor_id=filters.get("actor_id"),
    )
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "accounts/audit_list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
        },
    )
