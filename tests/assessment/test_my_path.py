"""A participant's stored assessment: encrypted, private, shown as a tailored path."""

from __future__ import annotations

import json

import pytest
from django.db import connection

from holdfast.accounts.models import User
from holdfast.assessment.engine import AnswersError
from holdfast.assessment.models import Assessment
from holdfast.assessment.services import assessment_submit
from holdfast.core.models import AuditEvent
from holdfast.curriculum import check
from holdfast.curriculum.schema import load
from holdfast.curriculum.services import content_sync
from holdfast.programmes.demo import load_demo

from .test_personas import EXAMPLES

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    content_sync(content=load(check.DEFAULT_ROOT))
    load_demo()


def test_demo_participant_sees_a_tailored_path_with_reasons(demo, client_for):
    jayloo = User.objects.get(username="jayloo")
    page = client_for(jayloo).get("/me/path/")
    assert page.status_code == 200
    path = page.context["view"].path
    assert path and all(rec.reasons for rec in path)
    body = page.content.decode()
    assert 'role="img"' in body and "<caption>" in body  # chart with a table alternative
    assert "your laptop" in body or "laptop" in body
    assert AuditEvent.objects.filter(action="assessment.read", actor_id=jayloo.pk).exists()


def test_answers_are_encrypted_and_private(demo, client_for, people):
    assessment = Assessment.objects.get(user__username="simba")
    with connection.cursor() as cur:
        cur.execute("SELECT answers FROM assessment_assessment WHERE id = %s", [assessment.pk])
        raw = cur.fetchone()[0]
    assert raw.startswith("hf1.") and "lgbti" not in raw
    # Another participant sees only their own (none); staff cannot open the page.
    page = client_for(people["participant"]).get("/me/path/")
    assert page.status_code == 200 and page.context["view"] is None
    for role in ("coordinator", "trainer", "protection"):
        assert client_for(people[role]).get("/me/path/").status_code == 403


def test_bad_answers_save_nothing(people):
    document = json.loads((EXAMPLES / "ipe.json").read_text())
    document["answers"]["devices"]["disk-encryption"] = "maybe"
    with pytest.raises(AnswersError):
        assessment_submit(actor=people["participant"], document=document)
    assert not Assessment.objects.exists()
    assert not AuditEvent.objects.filter(action="assessment.submit").exists()


def test_spanish_reader_gets_spanish_reasons(demo, client_for):
    client = client_for(User.objects.get(username="ceiba"))
    client.post("/language/", {"language": "es", "next": "/"})
    page = client.get("/me/path/")
    reasons = " ".join(r for rec in page.context["view"].path for r in rec.reasons)
    assert "experienced" not in reasons  # the English wording of the threat reasons


def test_country_facts_give_their_reasons_in_the_readers_language(demo, client_for):
    from holdfast.curriculum.schema import parse_yaml

    spanish = parse_yaml((check.DEFAULT_ROOT / "es/countries.yaml").read_text())["reasons"]
    client = client_for(User.objects.get(username="jayloo"))  # Kyrgyzstan
    client.post("/language/", {"language": "es", "next": "/"})
    page = client.get("/me/path/")
    facts = [
        d
        for t in page.context["view"].profile.threats.values()
        for d in t.drivers
        if d.source.startswith("fact:")
    ]
    assert facts
    assert all(d.reason == spanish[d.source.removeprefix("fact:")] for d in facts)
    assert spanish[facts[0].source.removeprefix("fact:")] in page.content.decode()
