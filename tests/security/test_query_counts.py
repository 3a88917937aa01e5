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
