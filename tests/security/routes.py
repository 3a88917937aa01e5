"""Walk the URL resolver: every route, with a concrete path to request."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

from holdfast.core.access import THIRD_PARTY_ACCESS


@dataclass
class Route:
    name: str
    path: str
    callback: Any

    @property
    def access(self) -> str | None:
        decision = getattr(self.callback, "holdfast_access", None)
        if decision is None:
            view_class = getattr(self.callback, "view_class", None)
            decision = getattr(view_class, "holdfast_access", None)
        return decision or THIRD_PARTY_ACCESS.get(self.name)


_PARAM = re.compile(r"<(?:(\w+):)?(\w+)>")


def _concrete(pattern: str, pk: int) -> str:
    def fill(match: re.Match[str]) -> str:
        converter = match.group(1) or "str"
        return str(pk) if converter == "int" else "x"

    return _PARAM.sub(fill, pattern)


def all_routes(pk: int = 1) -> list[Route]:
    routes: list[Route] = []

    def walk(patterns: list[Any], prefix: str) -> None:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, prefix + str(entry.pattern))
            elif isinstance(entry, URLPattern):
                raw = prefix + str(entry.pattern)
                if raw.startswith("^") or "(?P" in raw:
                    raise AssertionError(f"regex route {raw} needs a sample path in routes.py")
                routes.append(Route(entry.name or raw, "/" + _concrete(raw, pk), entry.callback))

    walk(get_resolver().url_patterns, "")
    return routes
