"""Consent and the trainer's view of the cohort: aggregates by default, individual
answers only where the participant agreed, always within the programme, always audited."""

from __future__ import annotations

import pytest

from holdfast.accounts.models import User
from holdfast.core.models import AuditEvent
from holdfast.curriculum import check
from holdfast.curriculum.models import Module
from holdfast.curriculum.schema import load
from holdfast.curriculum.services import content_sync
from holdfast.programmes.demo import load_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    content_sync(content=load(check.DEFAULT_ROOT))
    load_demo()


def staff(username: str, client_for):
    from ..conftest import add_totp

    user = User.objects.get(username=username)
    add_totp(user)
    return client_for(user)


def test_heatmap_shows_pseudonyms_domains_and_common_threats(demo, client_for):
    page = staff("trainer.ana", client_for).get("/cohort/needs/")
    assert page.status_code == 200
    report = page.context["report"]
    assert {row.participant.username for row in report.rows} == {
        "ipe",
        "ceiba",
        "okapi",
        "tamada",
        "banyan",
        "simba",
        "jayloo",
        "rhodo",
        "msasa",
        "araucaria",
        "tusker",
    }
    rhodo = next(r for r in report.rows if r.participant.username == "rhodo")
    assert max(rhodo.by_domain, key=rhodo.by_domain.get) == "wellbeing"
    # Each cell counts the modules of that domain in the participant's own focused path.
    own = client_for(rhodo.participant).get("/me/path/").context["view"].path
    domains = dict(Module.objects.values_list("slug", "domain"))
    for domain, count in rhodo.by_domain.items():
        assert count == sum(1 for rec in own if domains[rec.module.id] == domain)
    assert report.common_threats
    assert AuditEvent.objects.filter(action="assessment.read.aggregate").count() == 11
    assert staff("protection", client_for).get("/cohort/needs/").status_code == 200


def test_answers_only_with_consent_and_only_for_trainers(demo, client_for):
    simba = User.objects.get(username="simba")
    trainer = staff("trainer.ana", client_for)
    assert trainer.get(f"/cohort/answers/{simba.pk}/").status_code == 404  # no consent
    participant = client_for(simba)
    participant.post("/me/path/sharing/", {"share_answers": "yes"})
    assert AuditEvent.objects.filter(action="assessment.consent.share", actor_id=simba.pk)
    page = trainer.get(f"/cohort/answers/{simba.pk}/")
    assert page.status_code == 200 and "LGBTI" in page.content.decode()
    assert AuditEvent.objects.filter(action="assessment.read.answers").exists()
    assert staff("coordinator", client_for).get(f"/cohort/answers/{simba.pk}/").status_code == 403
    participant.post("/me/path/sharing/", {"share_answers": "no"})
    assert trainer.get(f"/cohort/answers/{simba.pk}/").status_code == 404


def test_other_programmes_are_invisible(demo, client_for, make_user, programme):
    outsider = make_user("outsider.trainer", "trainer", prog=programme)
    page = client_for(outsider).get("/cohort/needs/")
    assert page.context["report"].rows == []
    simba = User.objects.get(username="simba")
    client_for(simba).post("/me/path/sharing/", {"share_answers": "yes"})
    assert client_for(outsider).get(f"/cohort/answers/{simba.pk}/").status_code == 404


def test_heatmap_is_per_cohort_and_never_crosses_programmes(demo, client_for):
    import datetime as dt
    import json

    from holdfast.accounts.models import Role
    from holdfast.assessment.services import assessment_submit
    from holdfast.programmes.models import Cohort, Membership, Programme

    from ..conftest import PASSPHRASE

    ana = User.objects.get(username="trainer.ana")
    programme = ana.membership.programme
    newer = Cohort.objects.create(
        programme=programme,
        name="Spring 2027",
        starts_on=dt.date(2027, 3, 1),
        ends_on=dt.date(2027, 5, 31),
    )
    other_programme = Programme.objects.create(name="Elsewhere")
    foreign = Cohort.objects.create(
        programme=other_programme,
        name="Foreign",
        starts_on=dt.date(2027, 6, 1),
        ends_on=dt.date(2027, 8, 31),
    )
    newcomer = User(username="newcomer", role=Role.PARTICIPANT)
    newcomer.set_password(PASSPHRASE)
    newcomer.save()
    Membership.objects.create(user=newcomer, programme=programme, cohort=newer)
    example = check.DEFAULT_ROOT / "examples" / "answers" / "simba.json"
    assessment_submit(actor=newcomer, document=json.loads(example.read_text()))

    client = staff("trainer.ana", client_for)
    page = client.get("/cohort/needs/")  # the most recent cohort by default
    assert page.context["cohort"] == newer
    assert [r.participant.username for r in page.context["report"].rows] == ["newcomer"]
    body = page.content.decode()
    assert 'name="cohort"' in body and "Foreign" not in body
    older = next(c for c in page.context["cohorts"] if c != newer)
    page = client.get(f"/cohort/needs/?cohort={older.pk}")
    assert "newcomer" not in {r.participant.username for r in page.context["report"].rows}
    assert len(page.context["report"].rows) == 11
    # Another programme's cohort is not a choice: the default is shown instead.
    page = client.get(f"/cohort/needs/?cohort={foreign.pk}")
    assert page.context["cohort"] == newer
