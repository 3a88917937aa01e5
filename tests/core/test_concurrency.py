"""Many people saving at once: 50 participants each post progress on three modules and
an assessment section, all at the same moment, to the app served as `holdfast run`
serves it (gunicorn, SQLite in WAL mode, here with 4 workers). Bar: no error, nothing
lost. (Check-ins, the brief's example, do not exist yet; these are today's writes.)"""

from __future__ import annotations

import http.client
import json
import secrets
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

from ..security.test_headers import REPO, clean_env
from .test_migrations import manage

PEOPLE = 50
MODULES = ["sm-risk-analysis", "ds-device-threat-modelling", "wb-stress-signs"]
SETUP = """
import json, time
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from holdfast.accounts.models import Role, User
from holdfast.accounts.signals import SESSION_LOGIN_AT
from holdfast.programmes.models import Membership, Programme

programme = Programme.objects.get()
template = User.objects.get(username="ipe")
keys = {}
for n in range(%(people)d):
    user = User.objects.create(
        username=f"crowd-{n:02d}", role=Role.PARTICIPANT, password=template.password
    )
    Membership.objects.create(user=user, programme=programme, cohort=programme.cohorts.first())
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "holdfast.accounts.backends.AuthenticationBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store[SESSION_LOGIN_AT] = int(time.time())
    store.create()
    keys[user.username] = store.session_key
print(json.dumps(keys))
"""
RESULT = """
import json
from holdfast.assessment.models import Assessment, Progress
progress = {p.user.username: p.state for p in Progress.objects.select_related("user")}
drafts = {a.user.username: a.answers for a in Assessment.objects.filter(submitted_at=None)}
print(json.dumps({"progress": progress, "drafts": drafts}))
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _post(port: int, path: str, session: str, form: dict[str, object]) -> int:
    token = secrets.token_hex(16)  # the double-submit CSRF token: cookie and header agree
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request(
        "POST",
        path,
        body=urlencode(form, doseq=True),
        headers={
            "Cookie": f"hf_session={session}; csrftoken={token}",
            "X-CSRFToken": token,
            "Origin": f"http://127.0.0.1:{port}",
            "Content-Type": "application/x-www-form-urlencoded",
        },
    )
    status = conn.getresponse().status
    conn.close()
    return status


def test_fifty_people_saving_at_once_lose_nothing(tmp_path: Path):
    var = tmp_path / "var"
    var.mkdir()
    env = clean_env(DJANGO_SETTINGS_MODULE="holdfast.settings.dev", HOLDFAST_VAR_DIR=str(var))
    for args in (("migrate", "-v0"), ("keys", "init"), ("content", "sync"), ("demo",)):
        manage(env, *args)
    sessions = json.loads(
        manage(env, "shell", "--no-imports", "-c", SETUP % {"people": PEOPLE}).strip()
    )
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "manage.py", "run"],
        cwd=REPO,
        env={**env, "HOLDFAST_BIND": f"127.0.0.1:{port}", "HOLDFAST_WORKERS": "4"},
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        jobs = []
        for name, session in sessions.items():
            for slug in MODULES:
                jobs.append((f"/me/progress/{slug}/", session, {"done": "yes", "ticked": ["0"]}))
            country = "KE" if int(name[-2:]) % 2 else "KG"
            form = {"line-of-work": ["journalism"], "home-country": country}
            jobs.append(("/me/assessment/context/", session, form))
        with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
            statuses = list(pool.map(lambda job: _post(port, *job), jobs))
    finally:
        server.terminate()
        server.wait(timeout=20)
    assert statuses.count(302) == len(jobs), sorted(set(statuses))
    saved = json.loads(manage(env, "shell", "--no-imports", "-c", RESULT).strip())
    for name in sessions:
        assert sorted(saved["progress"][name]) == sorted(MODULES), name  # no update lost
        assert all(saved["progress"][name][m] == {"done": True, "ticked": [0]} for m in MODULES)
        country = "KE" if int(name[-2:]) % 2 else "KG"
        assert saved["drafts"][name] == {"line-of-work": ["journalism"], "home-country": country}
