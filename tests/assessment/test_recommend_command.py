"""`holdfast recommend`: the real curriculum with a small questionnaire."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from .test_engine import COUNTRIES, REPO_CONTENT, SECTION_A, SECTION_B


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(
        REPO_CONTENT, root, ignore=shutil.ignore_patterns("assessment", "countries.yaml")
    )
    (root / "en/assessment").mkdir(parents=True)
    (root / "en/assessment/1-context.yaml").write_text(SECTION_A)
    (root / "en/assessment/2-threats.yaml").write_text(SECTION_B)
    (root / "countries.yaml").write_text(COUNTRIES)
    return root


def answers_file(tmp_path: Path, document: object) -> Path:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(document))
    return path


GOOD = {
    "answers": {
        "context": {"line-of-work": ["journalism"], "home-country": "KE"},
        "threats": {
            "threats-experienced": ["device-seizure"],
            "seized-at-border": "yes",
            "laptop-encrypted": "no",
        },
    }
}


def test_text_report(root, tmp_path, capsys):
    call_command("recommend", "--answers", str(answers_file(tmp_path, GOOD)), "--root", str(root))
    out = capsys.readouterr().out
    assert "Risk profile" in out and "device-seizure" in out
    assert "your phone was taken at a border" in out
    assert "Also matching your answers" in out  # the rest, outside the focused path
    assert "ds-borders-device-seizure" in out


def test_json_report_in_spanish_with_budget(root, tmp_path, capsys):
    call_command(
        "recommend",
        "--answers",
        str(answers_file(tmp_path, GOOD)),
        "--root",
        str(root),
        "--lang",
        "es",
        "--format",
        "json",
        "--budget",
        "300",
    )
    report = json.loads(capsys.readouterr().out)
    assert sum(step["minutes"] for step in report["path"]) <= 300
    assert all(step["because"] for step in report["path"])
    titles = {step["module"]: step["title"] for step in report["path"]}
    assert any(t != m for m, t in titles.items())  # Spanish titles
    assert report["profile"][0]["threat"] == "device-seizure"


@pytest.mark.parametrize(
    "content,message",
    [
        ("{not json", "is not valid JSON"),
        (json.dumps({"answers": {"context": {"what": 1}}}), "unknown question 'what'"),
        (json.dumps({"answers": {"context": {}}}), "section 'threats' is missing"),
    ],
)
def test_bad_answers_files(root, tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_text(content)
    with pytest.raises(CommandError, match=message):
        call_command("recommend", "--answers", str(path), "--root", str(root))
    with pytest.raises(CommandError, match="does not exist"):
        call_command("recommend", "--answers", str(tmp_path / "none.json"), "--root", str(root))
