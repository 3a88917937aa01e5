from __future__ import annotations

from django.db import transaction

from holdfast.accounts.models import Role, User
from holdfast.core import audit
from holdfast.programmes.models import Membership, Programme
from holdfast.programmes.selectors import membership_for


@transaction.atomic
def membership_create(
    *, actor: User | None, user: User, programme: Programme, home_country: str = ""
) -> Membership:
    """Put a person into a programme; a participant joins its most recent cohort."""
    is_participant = user.role == Role.PARTICIPANT
    membership = Membership.objects.create(
        user=user,
        programme=programme,
        cohort=programme.cohorts.order_by("-starts_on").first() if is_participant else None,
        home_country=home_country.upper() if is_participant else "",
    )
    audit.record(actor=actor, action="membership.create", obj=membership)
    return membership


def membership_add(*, actor: User, user: User, home_country: str = "") -> Membership:
    """Put a new person into the acting staff member's own programme."""
    actor_membership = membership_for(actor=actor)
    if actor_membership is None:
        raise PermissionError("the acting person belongs to no programme")
    return membership_create(
        actor=actor, user=user, programme=actor_membership.programme, home_country=home_country
    )
