"""Interface catalogs: they compile, and no interface string is untranslated in es, fr,
pt or ru. English is the source language, so its catalog is complete by definition."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.utils import translation

REPO = Path(__file__).resolve().parents[1]
LANGUAGES = ["es", "fr", "pt", "ru"]


def untranslated(po_text: str) -> list[str]:
    """msgids whose msgstr (or any plural msgstr[n]) is empty, or that are fuzzy."""
    missing = []
    for block in po_text.split("\n\n")[1:]:  # the first block is the header
        lines = [ln for ln in block.splitlines() if not ln.startswith("#~")]
        if not any(ln.startswith("msgid ") for ln in lines):
            continue
        msgid = "".join(
            re.findall(
                r'"(.*)"',
                "\n".join(
                    ln for ln in lines if ln.startswith(("msgid ", '"')) and "msgstr" not in ln
                ),
            )
        )
        if any(ln.startswith("#,") and "fuzzy" in ln for ln in lines):
            missing.append(f"fuzzy: {msgid}")
        text = "\n".join(lines)
        for chunk in re.split(r"\nmsgstr", text)[1:]:
            value = "".join(re.findall(r'"(.*)"', chunk))
            if not value:
                missing.append(msgid)
                break
    return missing


@pytest.fixture(scope="module")
def fresh_catalogs(tmp_path_factory) -> Path:
    """Re-extract every string from the code into a copy of the catalogs, so a string
    added to a template but not translated shows up as missing."""
    work = tmp_path_factory.mktemp("i18n") / "holdfast"
    shutil.copytree(REPO / "holdfast", work, ignore=shutil.ignore_patterns("__pycache__"))
    args = [
        sys.executable,
        str(REPO / "manage.py"),
        "makemessages",
        "--no-location",
        "--no-obsolete",
        *[f"-l{lang}" for lang in LANGUAGES],
    ]
    subprocess.run(
        args,
        cwd=work,
        check=True,
        capture_output=True,
        env={
            "DJANGO_SETTINGS_MODULE": "holdfast.settings.test",
            "PATH": "/usr/bin:/bin",
            "PYTHONPATH": str(REPO),
        },
    )
    return work / "locale"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_interface_string_is_translated(fresh_catalogs, lang):
    po = (fresh_catalogs / lang / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    assert untranslated(po) == []


@pytest.mark.parametrize("lang", ["en", *LANGUAGES])
def test_catalog_compiles_with_valid_placeholders(lang):
    po = REPO / "holdfast" / "locale" / lang / "LC_MESSAGES" / "django.po"
    result = subprocess.run(
        ["msgfmt", "--check-format", "-o", "/dev/null", str(po)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.django_db
@pytest.mark.parametrize(
    "lang,phrase",
    [
        ("es", "Iniciar sesión"),
        ("fr", "Se connecter"),
        ("pt", "Entrar"),
        ("ru", "Войти"),
    ],
)
def test_pages_render_in_each_language(lang, phrase):
    client = Client()
    client.cookies["django_language"] = lang
    response = client.get("/accounts/login/")
    assert f'lang="{lang}"' in response.content.decode()
    assert phrase in response.content.decode()
    translation.activate("en")


@pytest.mark.django_db
def test_right_to_left_layout_attribute(settings):
    settings.LANGUAGES = [*settings.LANGUAGES, ("ar", "العربية")]
    client = Client()
    client.cookies["django_language"] = "ar"
    response = client.get("/")
    assert 'dir="rtl"' in response.content.decode()
    translation.activate("en")
