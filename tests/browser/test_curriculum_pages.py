"""Curriculum pages in a real browser with JavaScript off, on the shipped content: the
catalogue, a module, search and the library stay within the page-weight budget."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from holdfast.curriculum import check
from holdfast.curriculum.schema import load
from holdfast.curriculum.services import content_sync
from holdfast.curriculum.views import CATALOGUE_PAGE_SIZE

from .test_journeys import check_budget

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_curriculum_pages_within_budget(browser, live_server, people):
    content_sync(content=load(check.DEFAULT_ROOT))
    client = Client()
    client.force_login(
        people["participant"], backend="holdfast.accounts.backends.AuthenticationBackend"
    )
    context = browser.new_context(java_script_enabled=False)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page = context.new_page()
    page.goto(live_server.url + "/curriculum/")
    assert page.get_by_role("heading", level=1).inner_text() == "Curriculum"
    assert page.locator("ul.cards > li").count() == CATALOGUE_PAGE_SIZE
    page.locator("nav.pages").get_by_role("link", name="Next").click()
    assert "page=2" in page.url and page.locator("ul.cards > li").count() == CATALOGUE_PAGE_SIZE
    page.get_by_label("Domain").select_option("wellbeing")
    page.get_by_role("button", name="Filter").click()
    assert "domain=wellbeing" in page.url
    page.locator("ul.cards a").first.click()
    assert "/curriculum/wb-" in page.url
    assert page.get_by_role("heading", name="Checklist").is_visible()
    module_url = page.url
    context.close()

    from .conftest import measure_first_load

    probe = browser.new_context(java_script_enabled=False)
    probe.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    holder = probe.new_page()
    for url in (
        live_server.url + "/curriculum/",
        module_url,
        live_server.url + "/curriculum/search/?q=passphrase",
        live_server.url + "/library/?q=helpline",
    ):
        check_budget(measure_first_load(browser, holder, url, live_server.url), url)
    probe.close()
