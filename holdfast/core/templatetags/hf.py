from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def get_item(mapping: dict[str, Any], key: str) -> Any:
    """`{{ names|get_item:key }}`: a value from a dict by a variable key."""
    return mapping.get(key, key)


@register.filter
def inline_svg(document: str) -> str:
    """An SVG document made to sit inside HTML: without the XML declaration, which HTML
    does not allow (the QR code from allauth starts with one). Returns text, not markup:
    the template still decides whether it is safe."""
    text = str(document).lstrip()
    if text.startswith("<?xml"):
        text = text[text.index("?>") + 2 :].lstrip()
    return text
