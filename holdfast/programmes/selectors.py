from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count, QuerySet

from holdfast.accounts.models import User
from holdfast.programmes.models import Cohort, Membership


def membership_for(*, actor: User) -> Membership | None:
    """The actor's membership; already loaded with the user on every request (see
    holdfast.accounts.backends), so usually no query."""
    try:
        return actor.membership
    except Membership.DoesNotExist:
        return None


def cohorts_for(*, actor: User) -> QuerySet[Cohort]:
    """Cohorts of the actor's programme (participants: only their own cohort)."""
    membership = membership_for(actor=actor)
    if actor.is_superuser:
        qs = Cohort.objects.all()
    elif membership is None:
        return Cohort.objects.none()
    elif actor.role == "participant":
        if membership.cohort_id is None:
            return Cohort.objects.none()
        qs = Cohort.objects.filter(pk=membership.cohort_id)
    else:
        qs = Cohort.objects.filter(programme_id=membership.programme_id)
    # Most recent first. Explicit: Django leaves Meta.ordering out of GROUP BY queries.
    return (
        qs.select_related("programme")
        .annotate(participant_count=Count("members"))
        .order_by("-starts_on", "-id")
    )


def cohort_chosen(cohorts: Iterable[Cohort], wanted: str | None) -> Cohort | None:
    """The cohort a staff page shows: the one asked for (by id, from a GET form) if it is
    among ``cohorts`` (the actor's, from cohorts_for), otherwise the most recent."""
    listed = list(cohorts)
    return next((c for c in listed if str(c.pk) == wanted), listed[0] if listed else None)
