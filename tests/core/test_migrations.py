"""Migrations run forward and back on a populated database (the demo, with encrypted
answers and audit events): each app's latest migration is undone and redone with the
data in place, then every app of ours goes back to zero and forward again. Run with
`manage.py` in a throwaway SQLite instance, as an operator would."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from ..security.test_headers import REPO, clean_env

APPS = ["assessment", "curriculum", "programmes", "core"]  # dependents first
COUNT = (
    "import json; from django.apps import apps; "
    "print(json.dumps({m._meta.label: m.objects.count() for m in apps.get_models() "
    "if m._meta.app_label in ('accounts', 'assessment', 'curriculum', 'programmes', 'core')}))"
)


def manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=REPO, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, (args, done.stderr[-3000:])
    return done.stdout


def migrations_of(app: str) -> list[str]:
    return sorted(p.stem for p in (REPO / "holdfast" / app / "migrations").glob("0*.py"))


def test_migrations_back_and_forth_on_the_demo(tmp_path: Path):
    var = tmp_path / "var"
    var.mkdir()
    env = clean_env(DJANGO_SETTINGS_MODULE="holdfast.settings.dev", HOLDFAST_VAR_DIR=str(var))
    for args in (("migrate", "-v0"), ("keys", "init"), ("content", "sync"), ("demo",)):
        manage(env, *args)
    before = json.loads(manage(env, "shell", "--no-imports", "-c", COUNT))
    assert before["assessment.Assessment"] == 11 and before["core.AuditEvent"] > 0

    # The latest migration of each app, undone and redone with the data in place.
    for app in APPS:
        names = migrations_of(app)
        if len(names) > 1:
            manage(env, "migrate", app, names[-2], "-v0")
            manage(env, "migrate", app, "-v0")
    after = json.loads(manage(env, "shell", "--no-imports", "-c", COUNT))
    # Undoing a migration that created a table empties it; every other table keeps its rows.
    emptied = {"assessment.Progress", "curriculum.Module", "curriculum.ModuleText"}
    assert {k: v for k, v in after.items() if k not in emptied and v != before[k]} == {}, (
        before,
        after,
    )
    # The encrypted answers still decrypt and the audit trail is still append-only.
    check = (
        "from holdfast.assessment.models import Assessment; "
        "from holdfast.core.models import AuditEvent; from django.db import connection; "
        "a = Assessment.objects.first(); assert isinstance(a.answers, dict) and a.answers; "
        "cur = connection.cursor()\n"
        "try:\n    cur.execute('DELETE FROM core_auditevent')\n    print('deleted')\n"
        "except Exception as exc:\n    print('refused', type(exc).__name__)"
    )
    assert manage(env, "shell", "--no-imports", "-c", check).startswith("refused")

    # Every app of ours back to zero, then forward: the schema is whole again.
    for app in APPS:
        manage(env, "migrate", app, "zero", "-v0")
    manage(env, "migrate", "-v0")
    manage(env, "content", "sync")
    manage(env, "demo")
    again = json.loads(manage(env, "shell", "--no-imports", "-c", COUNT))
    assert again["accounts.User"] == before["accounts.User"]  # accounts was not rolled back
    # The recreated tables work: a new assessment is stored encrypted and reads back.
    submit = (
        "import json; from holdfast.accounts.models import User; "
        "from holdfast.assessment.services import assessment_submit; "
        "from django.conf import settings; "
        "doc = json.loads((settings.HOLDFAST_CONTENT_DIR / 'examples/answers/jayloo.json')"
        ".read_text()); "
        "assessment_submit(actor=User.objects.get(username='jayloo'), document=doc)"
    )
    manage(env, "shell", "--no-imports", "-c", submit)
    assert manage(env, "shell", "--no-imports", "-c", check).startswith("refused")
