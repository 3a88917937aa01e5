"""The demo programme: fictional people only. Idempotent: existing rows are kept."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction

from holdfast.accounts.models import Role, User
from holdfast.assessment.services import assessment_submit
from holdfast.core import audit
from holdfast.programmes.models import Cohort, Programme
from holdfast.programmes.services import membership_create

DEMO_PASSPHRASE = "demo passphrase for holdfast"  # noqa: S105 - public demo logins

# Fictional defenders (pseudonyms) and their home countries (ISO 3166-1 alpha-2).
PARTICIPANTS = [
    ("ipe", "BR"),
    ("ceiba", "CO"),
    ("okapi", "CD"),
    ("tamada", "GE"),
    ("banyan", "IN"),
    ("simba", "KE"),
    ("jayloo", "KG"),
    ("rhodo", "NP"),
    ("msasa", "ZW"),
    ("araucaria", "BR"),
    ("tusker", "KE"),
]
STAFF = [
    ("coordinator", Role.COORDINATOR),
    ("trainer.ana", Role.TRAINER),
    ("trainer.ben", Role.TRAINER),
    ("protection", Role.PROTECTION),
]


def _load_example_answers(user: User) -> None:
    """A demo participant gets the example answers of the same name, so a newcomer sees
    tailored learning paths at once (content/examples/answers/<pseudonym>.json)."""
    path = settings.HOLDFAST_CONTENT_DIR / "examples" / "answers" / f"{user.username}.json"
    if user.role == Role.PARTICIPANT and path.exists():
        assessment_submit(actor=user, document=json.loads(path.read_text(encoding="utf-8")))


@dataclass
class DemoResult:
    created: int
    kept: int


@transaction.atomic
def load_demo() -> DemoResult:
    programme, _ = Programme.objects.get_or_create(
        name="Shelter City The Hague", defaults={"city": "The Hague"}
    )
    Cohort.objects.get_or_create(
        programme=programme,
        name="Autumn 2026",
        defaults={"starts_on": dt.date(2026, 9, 14), "ends_on": dt.date(2026, 12, 11)},
    )
    created = kept = 0
    people = [(n, r, "") for n, r in STAFF] + [(n, Role.PARTICIPANT, c) for n, c in PARTICIPANTS]
    for username, role, country in people:
        user = User.objects.filter(username=username).first()
        if user is not None:
            kept += 1
            continue
        user = User(username=username, role=role, language="en")
        user.set_password(DEMO_PASSPHRASE)
        user.save()
        audit.record(actor=None, action="person.create.demo", obj=user)
        membership_create(actor=None, user=user, programme=programme, home_country=country)
        _load_example_answers(user)
        created += 1
    return DemoResult(created=created, kept=kept)
