"""`python -m holdfast.curriculum.check [CONTENT_DIR]`: check the curriculum content.

Prints one line per problem, `file:line: error|warning: message`, and exits 1 if there is
any error (warnings, such as a module past its review date, do not fail the check).
Plain Python: usable without Django, by content writers and in CI.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from holdfast.curriculum.schema import load

DEFAULT_ROOT = Path(__file__).resolve().parents[2] / "content"


def run(root: Path, today: dt.date | None = None, out: Any = None) -> int:
    stream = out or sys.stdout
    content = load(root, today=today)
    # The assessment questionnaire and country context are content too.
    from holdfast.assessment.questionnaire import (
        load_countries,
        load_questionnaire,
        translate,
        translate_countries,
    )

    issues = list(content.issues)
    questionnaire = load_questionnaire(root, "en", content.vocabulary, issues)
    countries = load_countries(root, content.vocabulary, issues)
    for lang in content.vocabulary.languages:
        translate(questionnaire, root, lang, issues)
        if lang != "en":
            translate_countries(countries, root, lang, issues)
    errors = [i for i in issues if i.level == "error"]
    warnings = [i for i in issues if i.level != "error"]
    for issue in sorted(issues, key=lambda i: (i.level != "error", i.path, i.line)):
        print(issue, file=stream)
    source = content.modules.get("en", {})
    translated = {
        lang: len(mods) - sum(1 for m in mods.values() if m.translation_status is None)
        for lang, mods in content.modules.items()
        if lang != "en"
    }
    resources = sum(len(r) for r in content.resources.values())
    print(
        f"{len(source)} modules, translations: "
        + ", ".join(f"{lang} {n}" for lang, n in translated.items())
        + f"; {resources} resources; {len(questionnaire.questions)} assessment questions, "
        f"{len(countries)} countries; {len(errors)} errors, {len(warnings)} warnings",
        file=stream,
    )
    return 1 if errors else 0


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", nargs="?", type=Path, default=DEFAULT_ROOT)
    parser.add_argument(
        "--today",
        type=dt.date.fromisoformat,
        default=None,
        help="check review dates as of this day (YYYY-MM-DD)",
    )
    args = parser.parse_args(argv)
    raise SystemExit(run(args.root, args.today))


if __name__ == "__main__":
    main()
