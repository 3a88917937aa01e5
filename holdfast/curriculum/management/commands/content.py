"""holdfast content check|sync"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from holdfast.curriculum import check
from holdfast.curriculum.schema import SOURCE_LANGUAGE, load
from holdfast.curriculum.services import content_sync


class Command(BaseCommand):
    help = "Check the curriculum content, or load it into the database."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["check", "sync"])
        parser.add_argument(
            "--root",
            type=Path,
            default=check.DEFAULT_ROOT,
            help="the content folder (default: content/ of this checkout)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        root: Path = options["root"]
        if options["action"] == "check":
            if check.run(root, out=self.stdout) != 0:
                raise CommandError("The content has errors (listed above).")
            return
        content = load(root)
        if content.errors:
            for issue in content.errors:
                self.stderr.write(str(issue))
            raise CommandError(
                f"{len(content.errors)} errors in {root}: nothing was loaded. "
                "Run `holdfast content check` for the list."
            )
        total = len(content.modules.get(SOURCE_LANGUAGE, {})) + sum(
            len(r) for r in content.resources.values()
        )
        with tqdm(total=total, desc="content", unit="item", file=sys.stderr) as bar:
            result = content_sync(content=content, progress=bar.update)
        self.stdout.write(
            f"Content synced: {result.created} created, {result.updated} updated, "
            f"{result.unchanged} unchanged, {result.retired} retired."
        )
