"""Progress through the path (checklists ticked, modules done) and the side-by-side view
of what changed between two assessments. Both are the participant's own, encrypted."""

from __future__ import annotations

import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from holdfast.accounts.models import User
from holdfast.assessment.models import Assessment, Progress
from holdfast.assessment.services import questionnaire
from holdfast.core.models import AuditEvent
from holdfast.curriculum import check
from holdfast.curriculum.models import ModuleText
from holdfast.curriculum.schema import load
from holdfast.curriculum.services import content_sync
from holdfast.programmes.demo import load_demo

from .test_cohort import staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    content_sync(content=load(check.DEFAULT_ROOT))
    load_demo()


def first_step(client) -> str:
    return client.get("/me/path/").context["view"].path[0].module.id


def test_ticking_a_checklist_and_finishing_a_module(demo, client_for):
    jayloo = User.objects.get(username="jayloo")
    client = client_for(jayloo)
    slug = first_step(client)
    items = len(ModuleText.objects.get(module__slug=slug, lang="en").checklist)
    page = client.get(f"/curriculum/{slug}/")
    body = page.content.decode()
    assert f'action="/me/progress/{slug}/"' in body and 'name="ticked"' in body
    assert body.count('type="checkbox" name="ticked"') == items

    response = client.post(f"/me/progress/{slug}/", {"ticked": ["0", "2"]})
    assert response.status_code == 302 and response.url.endswith(f"/curriculum/{slug}/#progress")
    page = client.get(f"/curriculum/{slug}/")
    assert page.context["progress"] == {"done": False, "ticked": {0, 2}}
    path_page = client.get("/me/path/")
    step = next(s for s in path_page.context["steps"] if s["rec"].module.id == slug)
    assert (step["ticked"], step["items"], step["done"]) == (2, items, False)
    assert path_page.context["view"].done == 0

    client.post(f"/me/progress/{slug}/", {"ticked": ["0", "1", "2"], "done": "yes"})
    path_page = client.get("/me/path/")
    assert path_page.context["view"].done == 1
    body = path_page.content.decode()
    total = len(path_page.context["view"].path)
    assert f"1 of {total} modules done" in body and "<progress" in body
    assert AuditEvent.objects.filter(action="progress.save", actor_id=jayloo.pk).count() == 2


def test_progress_is_encrypted_and_private(demo, client_for):
    jayloo = User.objects.get(username="jayloo")
    client = client_for(jayloo)
    slug = first_step(client)
    client.post(f"/me/progress/{slug}/", {"ticked": ["1"], "done": "yes"})
    row = Progress.objects.get(user=jayloo)
    with connection.cursor() as cur:
        cur.execute("SELECT state FROM assessment_progress WHERE id = %s", [row.pk])
        raw = cur.fetchone()[0]
    assert raw.startswith("hf1.") and slug not in raw
    # Another participant's page shows nothing of it; their own progress starts empty.
    simba = client_for(User.objects.get(username="simba"))
    assert simba.get(f"/curriculum/{slug}/").context["progress"] == {"done": False, "ticked": set()}
    assert simba.get("/me/path/").context["view"].done == 0
    # Staff read modules without a progress form, and cannot post one.
    trainer = staff("trainer.ana", client_for)
    assert "progress" not in trainer.get(f"/curriculum/{slug}/").context
    assert trainer.post(f"/me/progress/{slug}/", {"done": "yes"}).status_code == 403


@pytest.mark.parametrize(
    "slug,data",
    [
        (None, {"ticked": ["99"]}),  # an item the module does not have
        (None, {"ticked": ["-1"]}),
        (None, {"ticked": ["two"]}),  # not a number
        ("no-such-module", {"done": "yes"}),
    ],
)
def test_tampered_progress_is_refused_and_nothing_saved(demo, client_for, slug, data):
    client = client_for(User.objects.get(username="jayloo"))
    slug = slug or first_step(client)
    response = client.post(f"/me/progress/{slug}/", data, follow=False)
    assert response.status_code == 302
    assert not Progress.objects.exists()
    if slug != "no-such-module":
        page = client.get(response.url)
        assert "could not be saved" in page.content.decode()
    assert client.get(f"/me/progress/{slug}/").status_code == 405  # POST only


def test_answering_again_starts_from_the_previous_answers(demo, client_for):
    jayloo = User.objects.get(username="jayloo")
    client = client_for(jayloo)
    before = Assessment.objects.get(user=jayloo).answers
    page = client.get("/me/path/")
    assert page.context["view"].answered_before is False
    assert "/me/path/changes/" not in page.content.decode()
    assert "nothing to compare" in client.get("/me/path/changes/").content.decode()

    client.get("/me/assessment/")  # opens the new draft
    draft = Assessment.objects.get(user=jayloo, submitted_at=None)
    assert draft.answers == before
    # Keep the section's other answers; the laptop is now encrypted.
    section = next(s for s in questionnaire().sections if s.id == "devices")
    devices = {q.id: before[q.id] for q in section.questions if q.id in before}
    assert devices["disk-encryption"] == "no"
    client.post("/me/assessment/devices/", {**devices, "disk-encryption": "yes"})
    assert client.post("/me/assessment/").url == "/me/path/"
    assert Assessment.objects.filter(user=jayloo).exclude(submitted_at=None).count() == 2

    page = client.get("/me/path/")
    assert page.context["view"].answered_before is True
    assert "/me/path/changes/" in page.content.decode()
    changes = client.get("/me/path/changes/")
    assert changes.status_code == 200
    report = changes.context["changes"]
    changed = {row.question: (row.before, row.after) for row in report.answers}
    assert any("encrypt" in q.lower() for q in changed), changed
    seizure = next(r for r in changes.context["risks"] if r["name"] == "Device seizure")
    assert seizure["after"] < seizure["before"]  # encryption lowered the risk
    body = changes.content.decode()
    assert "down " in body and "<table" in body


def test_changes_name_the_options_added_and_removed(demo, client_for):
    jayloo = User.objects.get(username="jayloo")
    client = client_for(jayloo)
    before = Assessment.objects.get(user=jayloo).answers
    assert "account-compromise" in before["threats-experienced"]
    client.get("/me/assessment/")
    section = next(s for s in questionnaire().sections if s.id == "threats")
    threats = {q.id: before[q.id] for q in section.questions if q.id in before}
    experienced = [t for t in before["threats-experienced"] if t != "account-compromise"]
    threats["threats-experienced"] = [*experienced, "online-harassment"]
    client.post("/me/assessment/threats/", threats)
    client.post("/me/assessment/")
    rows = client.get("/me/path/changes/").context["changes"].answers
    row = next(r for r in rows if r.added)
    assert row.added.startswith("Online harassment")
    assert row.removed.startswith("Someone took over one of your accounts")


def test_changes_page_is_the_participants_own(demo, client_for):
    assert staff("trainer.ana", client_for).get("/me/path/changes/").status_code == 403
    simba = client_for(User.objects.get(username="simba"))
    assert simba.get("/me/path/changes/").context["changes"] is None


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    ticked=st.lists(st.one_of(st.text(max_size=6), st.integers().map(str)), max_size=5),
    done=st.one_of(st.none(), st.text(max_size=5)),
    section=st.sampled_from(["context", "threats", "devices", "nowhere"]),
    junk=st.dictionaries(
        st.sampled_from(["line-of-work", "home-country", "disk-encryption", "role", "x"]),
        st.one_of(st.text(max_size=20), st.lists(st.text(max_size=10), max_size=3)),
        max_size=4,
    ),
)
def test_arbitrary_progress_and_answers_never_break_a_page(fuzz_world, ticked, done, section, junk):
    client, slug, items = fuzz_world
    data = {"ticked": ticked, **({"done": done} if done is not None else {})}
    response = client.post(f"/me/progress/{slug}/", data)
    assert response.status_code == 302
    saved = Progress.objects.filter(user__username="jayloo").first()
    if saved is not None:
        assert all(0 <= i < items for i in saved.state[slug]["ticked"])
    assert client.post(f"/me/assessment/{section}/", junk).status_code in (200, 302, 404)
    assert client.get("/me/path/").status_code == 200


@pytest.fixture
def fuzz_world(demo, client_for):
    client = client_for(User.objects.get(username="jayloo"))
    slug = first_step(client)
    items = len(ModuleText.objects.get(module__slug=slug, lang="en").checklist)
    return client, slug, items
