"""Pages cost the same number of queries whatever the amount of data (no N+1)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from holdfast.accounts import services
from holdfast.accounts.models import Role

pytestmark = pytest.mark.django_db

PAGES = {
    "coordinator": ["/coordinator/", "/people/", "/audit/"],
    "trainer": ["/trainer/"],
    "protection": ["/protection/"],
    "participant": ["/me/", "/me/details/"],
}


def count(client, path: str) -> int:
    client.get(path)  # warm caches (sessions, content types)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path).status_code == 200
    return len(ctx.captured_queries)


def add_people(make_user, coordinator, n: int, start: int) -> None:
    for i in range(start, start + n):
        user = make_user(f"p{i}", Role.PARTICIPANT)
        services.profile_update(actor=user, user=user, legal_name="x", emergency_contact={})
        services.access_code_issue(actor=coordinator, user=user, kind="reset")


@pytest.mark.parametrize("role", list(PAGES))
def test_query_count_constant_as_data_grows(people, make_user, client_for, role):
    client = client_for(people[role])
    add_people(make_user, people["coordinator"], 2, 0)
    small = {path: count(client, path) for path in PAGES[role]}
    add_people(make_user, people["coordinator"], 20, 2)
    large = {path: count(client, path) for path in PAGES[role]}
    assert small == large


def test_path_and_cohort_pages_cost_the_same_whatever_the_cohort(people, make_user, client_for):
    """The participant's path (with progress) and the trainer's cohort heatmap."""
    import json

    from holdfast.assessment.services import assessment_submit, progress_save
    from holdfast.curriculum import check
    from holdfast.curriculum.schema import load
    from holdfast.curriculum.services import content_sync

    content_sync(content=load(check.DEFAULT_ROOT))
    examples = sorted((check.DEFAULT_ROOT / "examples" / "answers").glob("*.json"))
    participant = people["participant"]
    assessment_submit(actor=participant, document=json.loads(examples[0].read_text()))
    trainer = client_for(people["trainer"])
    mine = client_for(participant)

    def grow(start: int, n: int) -> None:
        for i in range(start, start + n):
            user = make_user(f"c{i}", Role.PARTICIPANT)
            document = json.loads(examples[i % len(examples)].read_text())
            assessment_submit(actor=user, document=document)
        path = mine.get("/me/path/").context["view"].path
        for rec in path[start : start + n]:
            progress_save(actor=participant, module_slug=rec.module.id, done=True, ticked=[0])
        assessment_submit(actor=participant, document=json.loads(examples[0].read_text()))

    grow(0, 2)
    small = (count(trainer, "/cohort/needs/"), count(mine, "/me/path/"))
    grow(2, 8)
    large = (count(trainer, "/cohort/needs/"), count(mine, "/me/path/"))
    assert small == large
    # Nor with the size of the curriculum (49 modules): no query per module.
    assert max(large) <= 15, large
