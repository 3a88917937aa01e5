"""Hypothesis sends arbitrary form data to every route, anonymously and as a coordinator
and a participant: never a server error."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .routes import all_routes

pytestmark = pytest.mark.django_db

FIELDS = [
    "code",
    "passphrase",
    "passphrase_again",
    "language",
    "username",
    "role",
    "home_country",
    "legal_name",
    "contact_name",
    "contact_reach",
    "confirm",
    "login",
    "password",
    "oldpassword",
    "password1",
    "password2",
    "next",
    "action",
    "actor_id",
    "ticked",
    "done",
    "share_answers",
    "line-of-work",
    "home-country",
    "disk-encryption",
    "text",
    "cohort",
    "page",
]
text = st.one_of(
    st.text(max_size=300),
    st.sampled_from(
        [
            "",
            "0",
            "-1",
            "9" * 30,
            "en",
            "participant",
            "' OR 1=1 --",
            "<script>x</script>",
            "\x00",
            "AAAA-BBBB-CCCC-DDDD",
            "../../etc",
        ]
    ),
)
payloads = st.dictionaries(st.sampled_from(FIELDS), text, max_size=8)
SKIP = {"quick_exit", "account_logout"}


@pytest.mark.parametrize("role", [None, "coordinator", "participant"])
@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=payloads)
def test_no_route_errors_on_arbitrary_posts(people, client_for, role, data):
    from django.test import Client

    client = client_for(people[role]) if role else Client()
    for route in all_routes(pk=people["participant"].pk):
        if route.name in SKIP:
            continue
        response = client.post(route.path, data)
        assert response.status_code < 500, (role, route.name, data)
        response = client.get(route.path, data)
        assert response.status_code < 500, (role, route.name, "GET", data)
