"""Settings shared by every environment. Values that differ per deployment come from
environment variables; secrets never live in the repository."""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent  # the holdfast package
REPO_DIR = BASE_DIR.parent
VAR_DIR = Path(os.environ.get("HOLDFAST_VAR_DIR", REPO_DIR / "var"))


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("HOLDFAST_SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("HOLDFAST_ALLOWED_HOSTS", "127.0.0.1,localhost")

# Key material lives outside the database: the master key and the keyring of per-person
# data keys. See docs/subsystems/encryption.md.
HOLDFAST_KEY_DIR = Path(os.environ.get("HOLDFAST_KEY_DIR", VAR_DIR / "keys"))
# The curriculum content (YAML and Markdown), and whether the resource library is public.
HOLDFAST_CONTENT_DIR = Path(os.environ.get("HOLDFAST_CONTENT_DIR", REPO_DIR / "content"))
HOLDFAST_PUBLIC_LIBRARY = os.environ.get("HOLDFAST_PUBLIC_LIBRARY", "1") == "1"
# Where the quick-exit link sends a participant after clearing their session.
HOLDFAST_QUICK_EXIT_URL = os.environ.get("HOLDFAST_QUICK_EXIT_URL", "https://www.wikipedia.org/")

INSTALLED_APPS = [
    "holdfast.core",
    "holdfast.accounts",
    "holdfast.programmes",
    "holdfast.curriculum",
    "holdfast.assessment",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "axes",
]

MIDDLEWARE = [
    # Outermost: every response, static files and errors included, gets the headers.
    "holdfast.core.middleware.SecurityHeadersMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "holdfast.core.middleware.ForgetClientMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "holdfast.core.middleware.LockdownMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "holdfast.accounts.middleware.SessionLimitsMiddleware",
    "holdfast.accounts.middleware.UserLanguageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "holdfast.accounts.middleware.StaffSecondFactorMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "holdfast.urls"
WSGI_APPLICATION = "holdfast.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "holdfast.core.context_processors.holdfast",
            ],
        },
    },
]

DATABASE_URL = os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'holdfast.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=0)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers and a writer work side by side; IMMEDIATE avoids lock upgrades
        # failing half-way through a write transaction.
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

# One shared cache for every process: allauth uses it to refuse a TOTP code that was
# already used, which only works if all web workers see the same cache.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "holdfast_cache",
    }
}

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "holdfast.accounts.backends.AuthenticationBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sessions: a 30-minute idle timeout (SessionLimitsMiddleware renews the expiry at most
# once a minute, which spares a database write on most requests), a 12-hour absolute
# limit, rotated at login by django.contrib.auth.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = False
HOLDFAST_SESSION_RENEW_SECONDS = 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_NAME = "hf_session"
HOLDFAST_SESSION_ABSOLUTE_SECONDS = 12 * 60 * 60
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "holdfast.core.views.csrf_failure"
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "landing"

# allauth: username login only (the pseudonym); no email anywhere; no open signup.
ACCOUNT_ADAPTER = "holdfast.accounts.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "password1*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_USER_MODEL_EMAIL_FIELD = None
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_PREVENT_ENUMERATION = True
# allauth's defaults limit per client address. Every client is 0.0.0.0 here, so a limit
# per address would be one limit shared by everyone: anyone could block all logins. Limit
# per username (key) and per logged-in user only; axes adds the lockout.
ACCOUNT_RATE_LIMITS = {
    "login": None,
    "login_failed": "10/300s/key",  # a backstop: axes locks first, after 5
    "signup": None,
    "reset_password": None,
    "reset_password_from_key": None,
    "request_login_code": None,
    "verify_phone": None,
}
MFA_RATE_LIMITS = {"webauthn_login": None}
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
MFA_ADAPTER = "holdfast.accounts.adapters.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Holdfast"
MFA_TOTP_TOLERANCE = 1
MFA_RECOVERY_CODE_COUNT = 10

# django-axes: lock a username after repeated failures. Only the username is a lockout
# parameter: the client address is never read (ForgetClientMiddleware removes it).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ACCESS_FAILURE_LOG = False
AXES_CLIENT_IP_CALLABLE = "holdfast.core.middleware.no_client_address"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_USERNAME_CALLABLE = "holdfast.accounts.adapters.axes_username"
AXES_VERBOSE = False

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("es", "Español"),
    ("fr", "Français"),
    ("pt", "Português"),
    ("ru", "Русский"),
]
# Test-only right-to-left locale; see settings/test.py.
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Security headers. CSP is Django's own (6.0+); the rest are set by SecurityMiddleware
# and holdfast.core.middleware.SecurityHeadersMiddleware.
SECURE_CSP = {
    "default-src": [CSP.NONE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "script-src": [CSP.NONCE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
# "same-origin", not "no-referrer": with no-referrer, Chromium sends `Origin: null` on our
# own form posts and the CSRF origin check (rightly) refuses them. Other sites still get
# no referrer at all. Found by the browser tests; see docs/architecture.md.
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
HOLDFAST_PERMISSIONS_POLICY = (
    "accelerometer=(), ambient-light-sensor=(), camera=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), payment=(), usb=()"
)

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# Logs carry no request bodies, no IP addresses and no user agents; see docs/operations.md.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        # At ERROR level Django logs the request line of 5xx responses only; our URLs
        # carry no sensitive content by design, so this is safe to keep.
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "holdfast": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

HOLDFAST_ROLE_NAMES = {
    "coordinator": _("Coordinator"),
    "trainer": _("Trainer"),
    "protection": _("Protection officer"),
    "participant": _("Participant"),
}

SILENCED_SYSTEM_CHECKS = [
    # Holdfast never reads client addresses (ForgetClientMiddleware), so axes locks by
    # username alone. The trade-off (someone who knows a pseudonym can pause its logins
    # for 15 minutes) is recorded in docs/threat-model.md.
    "axes.W006",
]
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
