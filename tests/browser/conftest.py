"""Playwright driving the system's Chromium (downloads are impossible here), headless."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the
# test itself (fixtures) are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


def chromium_path() -> str:
    path = (
        os.environ.get("HOLDFAST_CHROMIUM")
        or shutil.which("chromium")
        or shutil.which("chromium-browser")
    )
    if not path:
        pytest.fail("Chromium is not installed (make system-deps installs it).")
    return path


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(
            executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS
        )
        yield instance
        instance.close()


@dataclass
class Traffic:
    """Requests seen by a page, for the weight and origin budgets."""

    origin: str
    requests: list[tuple[str, int]] = field(default_factory=list)

    def reset(self) -> None:
        self.requests.clear()

    @property
    def total_bytes(self) -> int:
        return sum(size for _, size in self.requests)

    @property
    def foreign(self) -> list[str]:
        return [
            url
            for url, _ in self.requests
            if f"{urlsplit(url).scheme}://{urlsplit(url).netloc}" != self.origin
        ]


def record_traffic(page, traffic: Traffic) -> None:
    def finished(request) -> None:
        sizes = request.sizes()
        traffic.requests.append(
            (request.url, sizes["responseBodySize"] + sizes["responseHeadersSize"])
        )

    page.on("requestfinished", finished)
    page.on("requestfailed", lambda request: traffic.requests.append((request.url, 0)))


def measure_first_load(browser, page, url: str, origin: str) -> Traffic:
    """Load ``url`` as a first visit (empty cache) with the same cookies as ``page``."""
    context = browser.new_context(
        java_script_enabled=False, storage_state=page.context.storage_state()
    )
    probe = context.new_page()
    traffic = Traffic(origin=origin)
    record_traffic(probe, traffic)
    probe.goto(url, wait_until="networkidle")
    context.close()
    return traffic


@pytest.fixture
def page_js_off(browser, live_server):
    """A context with JavaScript disabled, and a function measuring a page's first load."""
    context = browser.new_context(java_script_enabled=False, locale="en-GB")
    page = context.new_page()
    yield page, lambda url: measure_first_load(browser, page, url, live_server.url)
    context.close()
