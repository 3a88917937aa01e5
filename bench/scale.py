"""Grow the benchmark's data to ten times the demo, as the quality bar asks: at least
300 modules and 1,000 participants (in cohorts of 30, each with an encrypted assessment
and some progress). Check-ins do not exist yet.

`content_10x()` needs no Django: it writes a content tree. `people_10x()` runs inside
the benchmark's Django environment (`python bench/scale.py people`)."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MODULES = 300
PARTICIPANTS = 1000
COHORT_SIZE = 30


def _copy(text: str, old_id: str, suffix: str, ids: set[str]) -> str:
    """A module file under a new id; prerequisites that are modules point to copies."""
    text = text.replace(f"id: {old_id}\n", f"id: {old_id}{suffix}\n", 1)

    def rename(match: re.Match[str]) -> str:
        names = [n.strip() for n in match.group(1).split(",") if n.strip()]
        return (
            "prerequisites: [" + ", ".join(f"{n}{suffix}" if n in ids else n for n in names) + "]"
        )

    return re.sub(r"prerequisites: \[([^\]]*)\]", rename, text, count=1)


def content_10x(source: Path, target: Path, modules: int = MODULES) -> int:
    """Copy the content tree and add English copies of the modules (new ids, their
    prerequisites pointing to the copies of the same round) until there are ``modules``."""
    shutil.copytree(source, target)
    originals = sorted((source / "en" / "modules").glob("*/*.md"))
    count = len(originals)
    round_ = 0
    while count < modules:
        round_ += 1
        batch = originals[: modules - count]
        ids = {path.stem for path in batch}  # copied in this round
        for path in batch:
            suffix = f"-x{round_}"
            text = _copy(path.read_text(encoding="utf-8"), path.stem, suffix, ids)
            out = target / "en" / "modules" / path.parent.name / f"{path.stem}{suffix}.md"
            out.write_text(text, encoding="utf-8")
        count = min(modules, count + len(originals))
    return count


def people_10x(participants: int = PARTICIPANTS, cohort_size: int = COHORT_SIZE) -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.db import transaction

    from holdfast.accounts.models import Role, User
    from holdfast.assessment.services import assessment_submit, progress_save
    from holdfast.programmes.models import Cohort, Membership, Programme

    programme = Programme.objects.get(name="Shelter City The Hague")
    template = User.objects.get(username="ipe")  # same passphrase hash: no hashing cost
    examples = sorted((settings.HOLDFAST_CONTENT_DIR / "examples" / "answers").glob("*.json"))
    documents = [json.loads(p.read_text(encoding="utf-8")) for p in examples]
    countries = [d["answers"]["context"].get("home-country", "KE") for d in documents]
    slugs = ["sm-risk-analysis", "ds-device-threat-modelling", "wb-stress-signs"]
    existing = User.objects.filter(role=Role.PARTICIPANT).count()
    cohorts = []
    # The newest cohort is full and starts after the demo's: the cohort page shows it.
    start = dt.date(2027, 3, 1)
    for index in range((participants - existing) // cohort_size + 1):
        begins = start - dt.timedelta(days=91 * index)
        cohort, _ = Cohort.objects.get_or_create(
            programme=programme,
            name=f"Bench {begins:%Y-%m}",
            defaults={"starts_on": begins, "ends_on": begins + dt.timedelta(days=88)},
        )
        cohorts.append(cohort)
    for number in range(participants - existing):
        with transaction.atomic():
            user = User(
                username=f"bench-{number:04d}",
                role=Role.PARTICIPANT,
                language="en",
                password=template.password,
            )
            user.save()
            Membership.objects.create(
                user=user,
                programme=programme,
                cohort=cohorts[number // cohort_size],
                home_country=countries[number % len(countries)],
            )
            assessment_submit(actor=user, document=documents[number % len(documents)])
            if number % 3 == 0:
                slug = slugs[(number // 3) % len(slugs)]
                progress_save(actor=user, module_slug=slug, done=True, ticked=[0])
    print(f"{User.objects.filter(role=Role.PARTICIPANT).count()} participants")


if __name__ == "__main__":
    if sys.argv[1:] == ["people"]:
        people_10x()
    else:
        raise SystemExit("usage: python bench/scale.py people (inside the bench environment)")
