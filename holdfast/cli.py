"""`holdfast`: the one command-line entry point for operators.

holdfast run                  serve the app (gunicorn, 127.0.0.1:8000)
holdfast demo                 load the demo programme (idempotent)
holdfast keys init|rotate|escrow|restore|status
holdfast lockdown             destroy the local master key
holdfast <any manage.py command>
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "holdfast.settings.dev")
    if not argv or argv[0] in ("-h", "--help", "help"):
        print(__doc__)
        return
    if argv[0] == "run":
        from holdfast.core.serve import serve

        serve(argv[1:])
        return
    from django.core.management import execute_from_command_line
    from django.db.utils import OperationalError

    try:
        execute_from_command_line(["holdfast", *argv])
    except OperationalError as exc:
        sys.stderr.write(f"holdfast: cannot use the database: {database_hint()}\n  {exc}\n")
        raise SystemExit(2) from None


def database_hint() -> str:
    """Where the database is, without the password."""
    from django.conf import settings

    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        return f"SQLite file {db['NAME']}"
    return (
        f"{db['ENGINE'].rsplit('.', 1)[-1]} at {db.get('HOST') or 'localhost'}:"
        f"{db.get('PORT') or 'default port'}, database {db.get('NAME')!r} "
        "(from DATABASE_URL). Is the server running and reachable?"
    )


if __name__ == "__main__":
    main()
