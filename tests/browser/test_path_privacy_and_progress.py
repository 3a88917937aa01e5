"""In a real browser with JavaScript off: one participant cannot reach another's results
by any address, and a participant works through their path (ticks a checklist, marks a
module done, answers again and sees what changed)."""

from __future__ import annotations

import json

import pytest

from holdfast.assessment.services import assessment_submit
from holdfast.curriculum import check
from holdfast.curriculum.schema import load
from holdfast.curriculum.services import content_sync

from .test_assessment_journey import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EXAMPLE = check.DEFAULT_ROOT / "examples" / "answers" / "jayloo.json"


def test_another_participants_results_are_unreachable(browser, live_server, make_user):
    content_sync(content=load(check.DEFAULT_ROOT))
    owner = make_user("owner-kg")
    other = make_user("other-ke")
    assessment_submit(actor=owner, document=json.loads(EXAMPLE.read_text()))
    assessment_submit(actor=owner, document=json.loads(EXAMPLE.read_text()))
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    log_in(page, live_server.url, owner.username)
    page.goto(live_server.url + "/me/path/")
    secret = "journalists in Kyrgyzstan"  # a country reason in the owner's path
    assert secret in page.content()
    page.locator("header form[action='/accounts/logout/'] button").click()

    log_in(page, live_server.url, other.username)
    for path in (
        "/me/path/",
        f"/me/path/?user={owner.pk}",
        "/me/path/changes/",
        f"/me/path/changes/?user={owner.pk}",
        "/me/assessment/",
        "/me/assessment/context/",
    ):
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        assert secret not in page.content(), path
    for path in (
        f"/cohort/answers/{owner.pk}/",
        "/cohort/needs/",
        f"/me/path/{owner.pk}/",
        f"/me/assessment/{owner.pk}/",
    ):
        response = page.goto(live_server.url + path)
        assert response.status in (403, 404), path
        assert secret not in page.content(), path
    page.goto(live_server.url + "/me/assessment/context/")
    assert page.locator("select[name=home-country]").input_value() == ""  # not the owner's KG
    page.goto(live_server.url + "/me/path/")
    assert "You have not answered" in page.content()
    context.close()


def test_progress_and_answering_again(browser, live_server, make_user):
    content_sync(content=load(check.DEFAULT_ROOT))
    user = make_user("learner-kg")
    assessment_submit(actor=user, document=json.loads(EXAMPLE.read_text()))
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    log_in(page, live_server.url, user.username)
    page.goto(live_server.url + "/me/path/")
    total = page.locator("ol.path > li").count()
    assert page.locator("progress").get_attribute("value") == "0"
    page.locator("ol.path > li a").first.click()
    page.locator("input[name=ticked]").nth(0).check()
    page.locator("input[name=ticked]").nth(1).check()
    page.get_by_role("button", name="Save my progress").click()
    assert "Your progress is saved." in page.content()
    assert page.locator("input[name=ticked]").nth(1).is_checked()
    page.locator("input[name=done]").check()
    page.get_by_role("button", name="Save my progress").click()
    page.goto(live_server.url + "/me/path/")
    assert page.locator("progress").get_attribute("value") == "1"
    assert f"1 of {total} modules done" in page.content()
    assert page.locator("ol.path > li").first.locator(".done-mark").count() == 1

    # Answer again: the earlier answers are there; change one and compare.
    page.get_by_role("link", name="Answer the assessment again").click()
    page.goto(live_server.url + "/me/assessment/devices/")
    assert page.locator("input[name=disk-encryption][value=no]").is_checked()
    page.locator("input[name=disk-encryption][value=yes]").check()
    page.locator("main form button[type=submit]").click()
    page.goto(live_server.url + "/me/assessment/")
    page.get_by_role("button", name="Finish and see my learning path").click()
    page.get_by_role("link", name="What changed since your previous assessment").click()
    assert page.url.endswith("/me/path/changes/")
    row = page.locator("tr", has_text="Device seizure").first
    assert "down" in row.inner_text()
    assert page.locator("td", has_text="Yes").count() >= 1  # the new answer, beside the old
    context.close()
