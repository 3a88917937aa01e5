from __future__ import annotations

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
    return qs.select_related("programme").annotate(participant_count=Count("members"))
