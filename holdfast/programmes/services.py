from __future__ import annotations

from django.db import transaction

from holdfast.accounts.models import User
from holdfast.core import audit
from holdfast.programmes.models import Membership
from holdfast.programmes.selectors import membership_for


@transaction.atomic
def membership_add(*, actor: User, user: User, home_country: str = "") -> Membership:
    """Put a new person into the actor's programme (and current cohort, for participants)."""
    actor_membership = membership_for(actor=actor)
    if actor_membership is None:
        raise PermissionError("the acting person belongs to no programme")
    cohort = None
    if user.role == "participant":
        cohort = actor_membership.programme.cohorts.order_by("-starts_on").first()
    membership = Membership.objects.create(
        user=user,
        programme=actor_membership.programme,
        cohort=cohort,
        home_country=home_country if user.role == "participant" else "",
    )
    audit.record(actor=actor, action="membership.create", obj=membership)
    return membership
