"""The coordinator's list of people comes a page at a time, whatever the programme's size."""

from __future__ import annotations

import pytest

from holdfast.accounts.models import Role, User
from holdfast.accounts.views import PEOPLE_PAGE_SIZE
from holdfast.programmes.models import Membership

pytestmark = pytest.mark.django_db


def test_people_come_in_pages(people, client_for, programme):
    for number in range(PEOPLE_PAGE_SIZE + 5):
        user = User.objects.create(username=f"p{number:03d}", role=Role.PARTICIPANT)
        Membership.objects.create(user=user, programme=programme)
    client = client_for(people["coordinator"])
    total = User.objects.filter(membership__programme=programme).count()
    first = client.get("/people/")
    assert len(first.context["page"].object_list) == PEOPLE_PAGE_SIZE
    body = first.content.decode()
    assert f"{total} people" in body and 'href="?page=2"' in body
    second = client.get("/people/", {"page": "2"})
    names = {u.username for u in first.context["page"]} | {
        u.username for u in second.context["page"]
    }
    assert len(names) == total
    assert client.get("/people/", {"page": "junk"}).context["page"].number == 1


def test_staff_home_lists_one_cohort_at_a_time(people, client_for, programme):
    import datetime as dt

    from holdfast.programmes.models import Cohort

    newer = Cohort.objects.create(
        programme=programme, name="Next", starts_on=dt.date(2030, 1, 1), ends_on=dt.date(2030, 3, 1)
    )
    newcomer = User.objects.create(username="newcomer", role=Role.PARTICIPANT)
    Membership.objects.create(user=newcomer, programme=programme, cohort=newer)
    client = client_for(people["trainer"])
    page = client.get("/trainer/")
    assert page.context["cohort"] == newer
    assert [p.username for p in page.context["participants"]] == ["newcomer"]
    older = next(c for c in page.context["cohorts"] if c != newer)
    page = client.get("/trainer/", {"cohort": older.pk})
    names = [p.username for p in page.context["participants"]]
    assert people["participant"].username in names and "newcomer" not in names
    assert 'name="cohort"' in page.content.decode()
    # a cohort id that is not the programme's shows the default instead
    assert client.get("/trainer/", {"cohort": "999999"}).context["cohort"] == newer
