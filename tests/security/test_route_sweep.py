"""Every route, tried as anonymous and as every role. A route without an access decision
fails this test, so no page can be added without deciding who may see it."""

from __future__ import annotations

import pytest
from django.test import Client

from .routes import all_routes

pytestmark = pytest.mark.django_db

# Routes anyone may reach without logging in. Keep this list short and deliberate.
PUBLIC = {
    "landing",
    "language_set",
    "quick_exit",
    "invite_redeem",
    "reset_redeem",
    "account_login",
    "resource_list",  # the public library (HOLDFAST_PUBLIC_LIBRARY=0 closes it)
    "account_logout",
    "mfa_authenticate",
}
ROLES = ["coordinator", "trainer", "protection", "participant"]
# Routes that end the session; tried separately so the sweep keeps its login.
SESSION_ENDERS = {"quick_exit", "account_logout"}


def test_every_route_has_an_access_decision():
    missing = [r.name for r in all_routes() if r.access is None]
    assert missing == [], f"routes without an access decision: {missing}"


def test_public_allow_list_matches_decisions():
    public = {r.name for r in all_routes() if r.access == "public"}
    assert public == PUBLIC


def test_anonymous_reaches_only_the_allow_list(people):
    target = people["participant"].pk
    for route in all_routes(pk=target):
        response = Client().get(route.path)
        if route.name in PUBLIC:
            assert response.status_code in (200, 302, 405), (route.name, response.status_code)
            continue
        assert response.status_code in (302, 403, 404), (route.name, response.status_code)
        if response.status_code == 302:
            assert response["Location"].startswith("/accounts/login/"), route.name


@pytest.mark.parametrize("role", ROLES)
def test_each_role_reaches_exactly_its_pages(people, client_for, role):
    client = client_for(people[role])
    target = people["participant"].pk
    for route in all_routes(pk=target):
        if route.name in SESSION_ENDERS:
            continue
        for method in ("get", "post"):
            response = getattr(client, method)(route.path)
            assert response.status_code < 500, (role, route.name, method)
            if route.access and route.access.startswith("roles:"):
                allowed = route.access.removeprefix("roles:").split(",")
                if role in allowed:
                    assert response.status_code != 403, (role, route.name, method)
                else:
                    assert response.status_code == 403, (role, route.name, method)


def test_staff_cannot_see_other_programmes_people(people, make_user, client_for):
    from holdfast.programmes.models import Programme

    elsewhere = Programme.objects.create(name="Elsewhere")
    stranger = make_user("stranger", prog=elsewhere)
    client = client_for(people["coordinator"])
    assert client.get(f"/people/{stranger.pk}/").status_code == 404
    assert client.post(f"/people/{stranger.pk}/reset-code/").status_code == 404
    assert client.post(f"/people/{stranger.pk}/erase/", {"confirm": "stranger"}).status_code == 404
    stranger.refresh_from_db()
    assert stranger.is_active
    assert b"stranger" not in client.get("/people/").content


def test_quick_exit_ends_session_and_clears_site_data(people, client_for, settings):
    client = client_for(people["participant"])
    response = client.get("/exit/")
    assert response.status_code == 302
    assert response["Location"] == settings.HOLDFAST_QUICK_EXIT_URL
    assert "cookies" in response["Clear-Site-Data"]
    assert client.get("/me/").status_code == 302  # logged out


def test_logout_needs_post(people, client_for):
    client = client_for(people["participant"])
    assert client.get("/accounts/logout/").status_code == 200  # a confirmation form
    assert client.get("/me/").status_code == 200
    client.post("/accounts/logout/")
    assert client.get("/me/").status_code == 302
