"""The assessment in a real browser with JavaScript off, in English and in Spanish:
answer, leave, come back, finish, see the path; within the page-weight budget."""

from __future__ import annotations

import pytest

from holdfast.curriculum import check
from holdfast.curriculum.schema import load
from holdfast.curriculum.services import content_sync

from ..conftest import PASSPHRASE
from .conftest import measure_first_load
from .test_journeys import check_budget

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, url: str, username: str) -> None:
    page.goto(url + "/accounts/login/")
    page.locator("#id_login").fill(username)
    page.locator("#id_password").fill(PASSPHRASE)
    page.locator("main form button[type=submit]").click()


@pytest.mark.parametrize(
    "lang,finish",
    [("en", "Finish and see my learning path"), ("es", "Terminar y ver mi ruta de aprendizaje")],
)
def test_full_assessment_with_resume(browser, live_server, make_user, lang, finish):
    content_sync(content=load(check.DEFAULT_ROOT))
    user = make_user(f"walker-{lang}")
    user.language = lang
    user.save(update_fields=["language"])
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    log_in(page, live_server.url, user.username)
    page.goto(live_server.url + "/me/assessment/context/")
    assert page.locator("html").get_attribute("lang") == lang
    page.locator("input[name=line-of-work][value=journalism]").check()
    page.locator("select[name=home-country]").select_option("KG")
    page.locator("main form button[type=submit]").click()
    assert page.url.endswith("/me/assessment/threats/")
    page.locator("input[name=threats-experienced][value=device-seizure]").check()
    page.locator("main form button[type=submit]").click()
    # the follow-up question appears on the same page
    page.locator("input[name=seizure-where][value=at-border]").check()
    page.locator("main form button[type=submit]").click()
    assert page.url.endswith("/me/assessment/devices/")
    url = live_server.url + "/me/assessment/devices/"
    check_budget(measure_first_load(browser, page, url, live_server.url), url)
    # leave and come back: the answers are kept
    page.locator("header form[action='/accounts/logout/'] button").click()
    log_in(page, live_server.url, user.username)
    page.goto(live_server.url + "/me/assessment/threats/")
    assert page.locator("input[name=seizure-where][value=at-border]").is_checked()
    page.goto(live_server.url + "/me/assessment/")
    page.get_by_role("button", name=finish).click()
    assert page.url.endswith("/me/path/")
    assert page.locator("svg[role=img]").count() == 1
    assert page.locator("ol.path > li").count() > 3
    context.close()
