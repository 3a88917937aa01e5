"""The small content tree every curriculum test starts from."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from holdfast.curriculum.schema import load
from holdfast.curriculum.services import content_sync

from .test_schema import BODY, TODAY, VOCAB, module, translation, write


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    write(root, "vocabulary.yaml", VOCAB)
    write(root, "en/modules/dom-a/m-one.md", module())
    write(
        root,
        "en/modules/dom-b/m-two.md",
        module("m-two", "dom-b", "[m-one]", body=BODY.replace("module:m-two", "module:m-one")),
    )
    write(root, "es/modules/dom-a/m-one.md", translation())
    write(
        root,
        "en/resources/guides.yaml",
        textwrap.dedent("""\
        - id: r-one
          title: A guide
          url: https://example.org/r
          publisher: Someone
          language: [en, es]
          topics: [n-one]
          format: guide
          last_checked: 2026-11-26
          summary: What it offers.
        """),
    )
    return root


@pytest.fixture
def synced(tree, settings):
    settings.HOLDFAST_CONTENT_DIR = tree
    content_sync(content=load(tree, today=TODAY))
    return tree
