"""holdfast recommend --answers FILE.json [--lang es] [--format json|text] [--budget MIN]"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from holdfast.assessment import report
from holdfast.assessment.engine import AnswersError


class Command(BaseCommand):
    help = "Print the risk profile and the learning path for an answers file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--answers", required=True, type=Path, help="answers (JSON)")
        parser.add_argument("--lang", default="en", choices=[c for c, _ in settings.LANGUAGES])
        parser.add_argument("--format", default="text", choices=["text", "json"])
        parser.add_argument(
            "--budget",
            type=int,
            default=None,
            help=(
                "total minutes available: every matching module that fits, by priority "
                "(default: the focused path, up to 24 hours)"
            ),
        )
        parser.add_argument("--root", type=Path, default=settings.HOLDFAST_CONTENT_DIR)

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["answers"]
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise CommandError(f"{path} does not exist.") from exc
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise CommandError(f"{path} is not valid JSON: {exc}") from exc
        try:
            result = report.run(
                options["root"], document, lang=options["lang"], budget_minutes=options["budget"]
            )
        except AnswersError as exc:
            raise CommandError(
                f"{path} does not fit the questionnaire:\n  " + "\n  ".join(exc.problems)
            ) from exc
        except report.ContentProblemError as exc:
            raise CommandError(
                "The content has problems; run `holdfast content check`:\n  "
                + "\n  ".join(str(i) for i in exc.issues[:20])
            ) from exc
        if options["format"] == "json":
            self.stdout.write(json.dumps(report.as_json(result), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(report.as_text(result))
