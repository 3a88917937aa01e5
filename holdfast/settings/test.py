"""Settings for the test suite. The database comes from DATABASE_URL when set (the
PostgreSQL run), otherwise SQLite; keys live in a temporary folder per run."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403 - an environment's settings extend the shared ones
from .base import STORAGES

SECRET_KEY = "test-only-not-secret-" + "x" * 40
DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
HOLDFAST_KEY_DIR = Path(
    os.environ.get("HOLDFAST_KEY_DIR") or tempfile.mkdtemp(prefix="holdfast-test-keys-")
)
# Fast hashing for tests only; production keeps Django's default (PBKDF2, many rounds).
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405 - from base
    # A real file (not :memory:) so the canary test can read the bytes on disk.
    DATABASES["default"]["TEST"] = {  # noqa: F405 - from base
        "NAME": os.path.join(tempfile.mkdtemp(prefix="holdfast-test-db-"), "test.sqlite3")
    }
