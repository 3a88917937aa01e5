"""The assessment as pages: section by section, skippable, resumable, refusing
tampered posts; the finished assessment becomes the participant's path."""

from __future__ import annotations

import pytest
from django.test import Client

from holdfast.assessment.models import Assessment
from holdfast.curriculum import check
from holdfast.curriculum.schema import load
from holdfast.curriculum.services import content_sync

from ..conftest import PASSPHRASE

pytestmark = pytest.mark.django_db


@pytest.fixture
def synced():
    content_sync(content=load(check.DEFAULT_ROOT))


def test_answer_resume_and_finish(synced, people):
    user = people["participant"]
    client = Client()
    client.post("/accounts/login/", {"login": user.username, "password": PASSPHRASE})
    page = client.get("/me/assessment/context/")
    assert page.status_code == 200 and b"<fieldset" in page.content
    response = client.post(
        "/me/assessment/context/", {"line-of-work": ["journalism"], "home-country": "KG"}
    )
    assert response.status_code == 302 and response.url == "/me/assessment/threats/"
    response = client.post("/me/assessment/threats/", {"threats-experienced": ["device-seizure"]})
    # A follow-up question appears: the same section again.
    assert response.url == "/me/assessment/threats/"
    page = client.get("/me/assessment/threats/")
    assert "seizure-where" in page.context["form"].fields
    client.post(
        "/me/assessment/threats/",
        {"threats-experienced": ["device-seizure"], "seizure-where": ["at-border"]},
    )
    client.post("/accounts/logout/")
    # Resume after logging out: the answers are still there.
    client.post("/accounts/login/", {"login": user.username, "password": PASSPHRASE})
    page = client.get("/me/assessment/")
    assert dict((s.id, n) for s, n in page.context["rows"])["threats"] == 2
    assert client.post("/me/assessment/").url == "/me/path/"
    path = client.get("/me/path/").context["view"].path
    assert path and all(r.reasons for r in path)
    assessment = Assessment.objects.get(user=user)
    assert assessment.submitted_at is not None
    assert assessment.answers["seizure-where"] == ["at-border"]


def test_tampered_post_is_refused_and_nothing_saved(synced, people, client_for):
    client = client_for(people["participant"])
    client.post("/me/assessment/devices/", {"disk-encryption": "no"})
    response = client.post(
        "/me/assessment/devices/", {"disk-encryption": "definitely", "passwords": "reused"}
    )
    assert response.status_code == 200 and response.context["form"].errors
    draft = Assessment.objects.get(user=people["participant"], submitted_at=None)
    assert draft.answers == {"disk-encryption": "no"}  # unchanged by the bad post
    assert client.get("/me/assessment/nowhere/").status_code == 404


def test_each_participant_only_ever_sees_their_own(synced, people, make_user, client_for):
    first = client_for(people["participant"])
    first.post("/me/assessment/context/", {"line-of-work": ["lgbti-rights"]})
    other = client_for(make_user("second.person"))
    page = other.get("/me/assessment/context/")
    assert page.context["form"].initial.get("line-of-work") is None
    assert client_for(people["trainer"]).get("/me/assessment/").status_code == 403
