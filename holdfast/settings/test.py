"""Settings for the test suite. The database comes from DATABASE_URL when set (the
PostgreSQL run), otherwise SQLite; keys live in a temporary folder per run."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import STORAGES

SECRET_KEY = "test-only-not-secret-" + "x" * 40
DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
HOLDFAST_KEY_DIR = Path(
    os.environ.get("HOLDFAST_KEY_DIR") or tempfile.mkdtemp(prefix="holdfast-test-keys-")
)
PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
