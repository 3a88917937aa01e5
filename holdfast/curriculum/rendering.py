"""Markdown to safe HTML. Raw HTML in content is never passed through: markdown-it runs
with HTML disabled, and the result is cleaned by nh3 against a short allow-list."""

from __future__ import annotations

from collections.abc import Callable

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "p",
    "h2",
    "h3",
    "h4",
    "ul",
    "ol",
    "li",
    "a",
    "strong",
    "em",
    "code",
    "pre",
    "blockquote",
    "hr",
    "br",
}
ALLOWED_ATTRIBUTES = {"a": {"href"}}

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})


def render(body: str, module_url: Callable[[str], str]) -> str:
    """Render a module body; `module:<id>` links become links to module pages."""
    tokens = _md.parse(body)
    for token in tokens:
        for child in token.children or []:
            if child.type == "link_open":
                href = str(child.attrGet("href") or "")
                if href.startswith("module:"):
                    child.attrSet("href", module_url(href.removeprefix("module:")))
    html = _md.renderer.render(tokens, _md.options, {})
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"https", "http"},
        link_rel="noopener noreferrer",
    )
