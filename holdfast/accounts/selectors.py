"""Reads, always scoped by the acting person. Reads of sensitive records are audited."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Count, QuerySet
from django.http import Http404

from holdfast.accounts.models import Profile, Role, User
from holdfast.core import audit
from holdfast.core.models import AuditEvent


def _programme_id(actor: User) -> int | None:
    membership = getattr(actor, "membership", None)
    return membership.programme_id if membership else None


def people_for(*, actor: User) -> QuerySet[User]:
    """The people a staff member may see: those of their own programme."""
    if actor.is_superuser:
        qs = User.objects.all()
    elif actor.role in (Role.COORDINATOR, Role.TRAINER, Role.PROTECTION):
        programme_id = _programme_id(actor)
        if programme_id is None:
            return User.objects.none()
        qs = User.objects.filter(membership__programme_id=programme_id)
    else:
        return User.objects.none()
    return qs.select_related("membership__cohort").order_by("role", "username")


def people_count_by_role(*, actor: User) -> dict[str, int]:
    rows = people_for(actor=actor).order_by().values("role").annotate(n=Count("pk"))
    return {row["role"]: row["n"] for row in rows}


def participants_for(*, actor: User) -> QuerySet[User]:
    return people_for(actor=actor).filter(role=Role.PARTICIPANT, erased_at=None)


def person_get(*, actor: User, pk: int) -> User:
    """One person, if the actor may see them; otherwise 404 (no hint they exist)."""
    try:
        return people_for(actor=actor).get(pk=pk)
    except User.DoesNotExist as exc:
        raise Http404 from exc


def profile_for(*, actor: User, user: User) -> Profile | None:
    """A person's encrypted details: readable by that person only. Audited."""
    if actor.pk != user.pk:
        raise PermissionDenied
    profile = Profile.objects.filter(user=user).first()
    if profile is not None:
        audit.record(actor=actor, action="profile.read", obj=profile)
    return profile


def audit_events_for(
    *, actor: User, action: str = "", object_type: str = "", actor_id: int | None = None
) -> QuerySet[AuditEvent]:
    """Coordinators browse the trail of their programme's people (operators: all)."""
    if not (actor.is_superuser or actor.role == Role.COORDINATOR):
        raise PermissionDenied
    qs = AuditEvent.objects.all()
    if not actor.is_superuser:
        qs = qs.filter(actor_id__in=people_for(actor=actor).values("pk"))
    if action:
        qs = qs.filter(action__startswith=action)
    if object_type:
        qs = qs.filter(object_type=object_type)
    if actor_id is not None:
        qs = qs.filter(actor_id=actor_id)
    return qs
