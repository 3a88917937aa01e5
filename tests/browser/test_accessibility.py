"""Every page, as the person who uses it, through two checkers: axe-core in Chromium
(accessibility: no serious or critical violation) and the Nu HTML Checker (vnu: no
error). Both are pinned in tests/tools/package.json and installed by `make test`.

The list of pages is checked against the URL resolver, so a new page must be added
here (or to NOT_PAGES, with the reason) before the suite passes."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from holdfast.accounts.models import User
from holdfast.assessment.services import sharing_set
from holdfast.curriculum import check, selectors
from holdfast.curriculum.schema import load
from holdfast.curriculum.services import content_sync, custom_module_save, module_export_text
from holdfast.programmes.demo import load_demo

from ..conftest import add_totp
from ..security.routes import all_routes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TOOLS = Path(__file__).resolve().parents[1] / "tools" / "node_modules"
AXE = TOOLS / "axe-core" / "axe.min.js"
VNU = TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"

# route name -> (who, path). "anonymous" is nobody logged in.
PAGES: dict[str, tuple[str, str]] = {
    "landing": ("anonymous", "/"),
    "account_login": ("anonymous", "/accounts/login/"),
    "invite_redeem": ("anonymous", "/welcome/"),
    "reset_redeem": ("anonymous", "/reset/"),
    "resource_list": ("anonymous", "/library/?q=helpline"),
    "account_logout": ("jayloo", "/accounts/logout/"),
    "account_change_password": ("jayloo", "/accounts/password/change/"),
    "account_reauthenticate": ("jayloo", "/accounts/reauthenticate/"),
    "mfa_index": ("jayloo", "/accounts/2fa/"),
    "mfa_activate_totp": ("jayloo", "/accounts/2fa/totp/activate/"),
    "mfa_reauthenticate": ("trainer.ana", "/accounts/2fa/reauthenticate/"),
    "mfa_deactivate_totp": ("trainer.ana", "/accounts/2fa/totp/deactivate/"),
    "mfa_view_recovery_codes": ("trainer.ana", "/accounts/2fa/recovery-codes/"),
    "mfa_generate_recovery_codes": ("trainer.ana", "/accounts/2fa/recovery-codes/generate/"),
    "participant_home": ("jayloo", "/me/"),
    "profile_edit": ("jayloo", "/me/details/"),
    "my_path": ("jayloo", "/me/path/"),
    "my_changes": ("jayloo", "/me/path/changes/"),
    "assessment_overview": ("jayloo", "/me/assessment/"),
    "assessment_section": ("jayloo", "/me/assessment/threats/"),
    "catalogue": ("jayloo", "/curriculum/"),
    "curriculum_search": ("jayloo", "/curriculum/search/?q=password"),
    "module_detail": ("jayloo", "/curriculum/ds-two-factor/"),
    "coordinator_home": ("coordinator", "/coordinator/"),
    "people_list": ("coordinator", "/people/"),
    "person_create": ("coordinator", "/people/new/"),
    "person_detail": ("coordinator", "/people/{simba}/"),
    "person_reset_code": ("coordinator", "/people/{simba}/reset-code/"),
    "audit_list": ("coordinator", "/audit/"),
    "trainer_home": ("trainer.ana", "/trainer/"),
    "protection_home": ("protection", "/protection/"),
    "cohort_needs": ("trainer.ana", "/cohort/needs/"),
    "cohort_answers": ("trainer.ana", "/cohort/answers/{simba}/"),
    "curriculum_health": ("trainer.ana", "/curriculum/health/"),
    "module_new": ("trainer.ana", "/curriculum/new/"),
    "module_edit": ("trainer.ana", "/curriculum/local-two-factor/edit/"),
    "module_trainer": ("trainer.ana", "/curriculum/ds-two-factor/trainer/"),
}
NOT_PAGES = {
    "home": "redirects to the person's own home",
    "language_set": "POST only",
    "quick_exit": "redirects away",
    "mfa_authenticate": "only reachable half-way through a login",
    "mfa_download_recovery_codes": "a text file",
    "module_export": "a Markdown file",
    "module_sheet": "a PDF",
    "sharing_update": "POST only",
    "progress_update": "POST only",
    "person_erase": "POST only; its form is on the person page, checked above",
}
# Pages that only a form post shows: the page holding the form, whose button is pressed.
POSTED_FROM = {"person_reset_code": "/people/{simba}/"}
SERIOUS = ("serious", "critical")


def test_every_page_is_listed():
    names = {route.name for route in all_routes()}
    assert names - set(PAGES) - set(NOT_PAGES) == set(), "add the new page to PAGES"
    assert set(PAGES) | set(NOT_PAGES) <= names, "a listed route no longer exists"


def _cookie(username: str, url: str) -> list[dict[str, str]]:
    user = User.objects.get(username=username)
    client = Client()
    client.force_login(user, backend="holdfast.accounts.backends.AuthenticationBackend")
    if user.is_staff_role and not user.authenticator_set.exists():
        add_totp(user)
        # so that the recovery codes page has codes to show
        client.post("/accounts/2fa/recovery-codes/generate/")
    value = client.cookies[settings.SESSION_COOKIE_NAME].value
    return [{"name": settings.SESSION_COOKIE_NAME, "value": value, "url": url}]


def test_every_page_passes_axe_and_vnu(browser, live_server, tmp_path):
    if not AXE.exists() or not VNU.exists():
        pytest.fail("The checkers are missing: `make test` installs them (npm ci in tests/tools).")
    java = shutil.which("java")
    if java is None:
        pytest.fail("Java is missing: `make test` installs default-jre-headless.")
    content_sync(content=load(check.DEFAULT_ROOT))
    load_demo()
    simba = User.objects.get(username="simba")
    sharing_set(actor=simba, share_answers=True)  # so a trainer may open their answers
    # A module written in the browser (only those have an edit page).
    source = selectors.module_get(slug="ds-two-factor", lang="en")
    text = module_export_text(source.module, source.text)
    custom_module_save(
        actor=User.objects.get(username="trainer.ana"),
        text=text.replace("id: ds-two-factor", "id: local-two-factor", 1),
    )
    by_person: dict[str, list[tuple[str, str]]] = {}
    for name, (who, path) in PAGES.items():
        by_person.setdefault(who, []).append((name, path.format(simba=simba.pk)))
    by_person["coordinator"].sort(key=lambda pair: pair[0] in POSTED_FROM)  # theirs last

    violations: list[str] = []
    saved: dict[str, str] = {}
    for who, pages in sorted(by_person.items()):
        # JavaScript on for axe itself (the pages use none); bypass_csp lets the test
        # inject axe, which the Content-Security-Policy would rightly refuse.
        context = browser.new_context(java_script_enabled=True, bypass_csp=True)
        if who != "anonymous":
            context.add_cookies(_cookie(who, live_server.url))
        page = context.new_page()
        for name, path in pages:
            if name in POSTED_FROM:
                page.goto(live_server.url + POSTED_FROM[name].format(simba=simba.pk))
                with page.expect_navigation() as navigation:
                    page.locator(f"form[action='{path}'] button[type=submit]").click()
                response = navigation.value
            else:
                response = page.goto(live_server.url + path)
            assert response is not None and response.status == 200, (name, path, who)
            html = response.text()
            file = tmp_path / f"{name}.html"
            file.write_text(html, encoding="utf-8")
            saved[str(file)] = f"{name} ({path} as {who})"
            page.add_script_tag(path=str(AXE))
            result = page.evaluate(
                "async () => await axe.run(document, {resultTypes: ['violations']})"
            )
            for v in result["violations"]:
                if v["impact"] in SERIOUS:
                    targets = [", ".join(n["target"]) for n in v["nodes"][:3]]
                    violations.append(f"{name} {path}: {v['id']} ({v['impact']}) at {targets}")
        context.close()
    assert violations == [], "\n".join(violations)
    # The harness itself: axe and vnu do report a page that is wrong.
    context = browser.new_context(java_script_enabled=True)
    page = context.new_page()
    page.set_content('<html><body><img src="x.png"><p><div>x</div></p></body></html>')
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("async () => (await axe.run(document)).violations.map(v => v.id)")
    assert "image-alt" in found and "html-has-lang" in found
    context.close()
    broken = tmp_path / "broken.html"
    broken.write_text("<!DOCTYPE html><html lang=en><title>x</title><p><div>x</div></p>")
    saved[str(broken)] = "the deliberately broken page"

    run = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", *saved],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(run.stderr or "{}").get("messages", [])
    errors = [
        f"{saved.get(m.get('url', '').removeprefix('file:'), m.get('url'))} line "
        f"{m.get('lastLine')}: {m.get('message')}"
        for m in messages
        if m.get("type") == "error"
    ]
    assert any("deliberately broken" in e for e in errors), errors
    errors = [e for e in errors if "deliberately broken" not in e]
    assert errors == [], "\n".join(errors)
