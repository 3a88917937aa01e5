"""Printable PDFs from HTML templates (WeasyPrint). Nothing is fetched while rendering:
no fonts, images or styles from anywhere, so a PDF can never leak a request."""

from __future__ import annotations

from typing import Any, NoReturn


class BlockedFetchError(Exception):
    pass


def _no_fetch(url: str, *args: Any, **kwargs: Any) -> NoReturn:
    raise BlockedFetchError(f"PDF rendering does not fetch {url!r}")


def html_to_pdf(html: str) -> bytes:
    # Imported here: WeasyPrint is large, and most worker processes never render a PDF.
    import weasyprint

    return weasyprint.HTML(string=html, url_fetcher=_no_fetch).write_pdf()
