"""Production settings: everything from the environment, HTTPS assumed (a reverse proxy or
an onion service in front). `manage.py check --deploy` passes with 0 warnings."""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403 - an environment's settings extend the shared ones

SECRET_KEY = os.environ.get("HOLDFAST_SECRET_KEY", "")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "HOLDFAST_SECRET_KEY must be set to a random string of at least 50 characters."
    )
DEBUG = False
SECURE_SSL_REDIRECT = os.environ.get("HOLDFAST_SSL_REDIRECT", "1") == "1"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 63072000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-hf_session"
CSRF_COOKIE_NAME = "__Host-csrftoken"
