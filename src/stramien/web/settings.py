"""Django settings, read from the environment.

Defaults give a working single-user set-up on SQLite in ``./stramien-data``; production sets
``SECRET_KEY``, ``ALLOWED_HOSTS`` and ``DATABASE_URL`` (PostgreSQL).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("STRAMIEN_DATA_DIR", "stramien-data")).resolve()


def _flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "ja", "on"}


def _list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = _flag("STRAMIEN_DEBUG")
# A random key is generated per data folder when none is given (see stramien.web.server).
SECRET_KEY = os.environ.get("SECRET_KEY", "") or "insecure-only-for-tests-and-checks"
ALLOWED_HOSTS = _list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
CSRF_TRUSTED_ORIGINS = _list("CSRF_TRUSTED_ORIGINS", "")

# -- HTTPS and the public address ---------------------------------------------------------
# The address people use (``https://stramien.example.nl``): links in e-mails (invitations,
# password reset) are made with it, and it is an allowed host and a trusted origin.
STRAMIEN_PUBLIC_URL = os.environ.get("STRAMIEN_PUBLIC_URL", "").strip().rstrip("/")
_public = urlsplit(STRAMIEN_PUBLIC_URL)
if _public.hostname and _public.hostname not in ALLOWED_HOSTS:
    ALLOWED_HOSTS.append(_public.hostname)
if _public.scheme and _public.netloc:
    _origin = f"{_public.scheme}://{_public.netloc}"
    if _origin not in CSRF_TRUSTED_ORIGINS:
        CSRF_TRUSTED_ORIGINS.append(_origin)
# Served over HTTPS (on when the public address is https): redirect, HSTS, secure cookies.
STRAMIEN_HTTPS = _flag("STRAMIEN_HTTPS", _public.scheme == "https")
# Behind a proxy that ends TLS: the header it sets for the original scheme, e.g.
# ``X-Forwarded-Proto``. Only set it when the proxy always sets (or removes) that header.
_proxy_header = os.environ.get("STRAMIEN_PROXY_SSL_HEADER", "").strip()
if _proxy_header:
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + _proxy_header.upper().replace("-", "_"), "https")
USE_X_FORWARDED_HOST = _flag("STRAMIEN_USE_X_FORWARDED_HOST")
# How many proxies stand in front of the app (each adds one address to X-Forwarded-For):
# the login limits count per visitor's address, not per proxy (stramien.web.accounts.security).
STRAMIEN_PROXY_COUNT = int(os.environ.get("STRAMIEN_PROXY_COUNT", "0"))
SECURE_SSL_REDIRECT = _flag("STRAMIEN_SSL_REDIRECT", STRAMIEN_HTTPS)
SECURE_HSTS_SECONDS = int(
    os.environ.get("STRAMIEN_HSTS_SECONDS", "31536000" if STRAMIEN_HTTPS else "0")
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = _flag("STRAMIEN_HSTS_INCLUDE_SUBDOMAINS", STRAMIEN_HTTPS)
SECURE_HSTS_PRELOAD = _flag("STRAMIEN_HSTS_PRELOAD", STRAMIEN_HTTPS)
# Switching these off on purpose (a shared parent domain) is a decision, not an oversight.
SILENCED_SYSTEM_CHECKS = [
    check
    for check, setting in (
        ("security.W005", "STRAMIEN_HSTS_INCLUDE_SUBDOMAINS"),
        ("security.W021", "STRAMIEN_HSTS_PRELOAD"),
    )
    if os.environ.get(setting) is not None and not _flag(setting)
]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "axes",
    # The queue of background tasks, a table in the application's own database.
    "django_tasks",
    "django_tasks_db",
    "corsheaders",
    "rest_framework",
    "drf_spectacular",
    "stramien.web",
    # The apps in their layers: each imports only from those above it in this list
    # (tests/test_architecture.py keeps it so).
    "stramien.web.audit",
    "stramien.web.accounts",
    "stramien.web.programmes",
    "stramien.web.agreeing",
    "stramien.web.effects",
    "stramien.web.monitoring",
    "stramien.web.publication",
    "stramien.web.archives",
    "stramien.web.api",
    "stramien.web.guidance",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before anything that may answer: the API's CORS headers (only under /api/).
    "corsheaders.middleware.CorsMiddleware",
    # The section editors of a large programme are big pages (thousands of choices);
    # compressed they shrink about tenfold. Django masks the CSRF token per response.
    # Django's, at zlib level 3 instead of 6 (stramien.web.middleware.GZIP_LEVEL).
    "stramien.web.middleware.GZipMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "stramien.web.middleware.LanguageMiddleware",
    # Under /api/: the language from Accept-Language, the API-Version header, problem+json.
    "stramien.web.api.middleware.ApiMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A partner's notice that someone else changed its organisation card, once.
    "stramien.web.programmes.middleware.CardNoticeMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "stramien.web.middleware.SecurityHeadersMiddleware",
    # Last, so it sees the outcome of authentication (django-axes' requirement).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "stramien.web.urls"
WSGI_APPLICATION = "stramien.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "stramien.web.context.release",
            ],
            # {% url %} with reverse's answers kept per process (same output as Django's).
            "builtins": ["stramien.web.urltags"],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{DATA_DIR / 'stramien.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several people save at once: wait for the write lock instead of failing at once.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"
    # Tests use a file, not memory, so that parallel clients really run in parallel.
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"stramien-test-{os.getpid()}.sqlite3")
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Background work (pre-rendering) as tasks on Django's task framework; the queue is a table
# in the database above, run by `stramien worker` (stramien serve starts one beside itself).
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default", "prerender"],
    }
}

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, reading the signed-in user's row with SQL built once.
    "stramien.web.accounts.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "programmes:list"
LOGOUT_REDIRECT_URL = "accounts:login"

# Rate-limited login: five failures for one user name from one address lock it for 15 minutes;
# twenty failures from one address, whatever the user names, lock that address for as long
# (password spraying: one password tried on many accounts).
AXES_FAILURE_LIMIT = int(os.environ.get("STRAMIEN_LOGIN_FAILURE_LIMIT", "5"))
STRAMIEN_ADDRESS_FAILURE_LIMIT = int(os.environ.get("STRAMIEN_ADDRESS_FAILURE_LIMIT", "20"))
AXES_CLIENT_IP_CALLABLE = "stramien.web.accounts.security.client_address"
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# -- Single sign-on with OpenID Connect (optional; docs/sso.md) ----------------------------
# Off unless a client id and the provider (an issuer with discovery, or the endpoints) are
# given. Then the login page offers a button next to the password form; nothing else changes.
STRAMIEN_OIDC_ISSUER = os.environ.get("STRAMIEN_OIDC_ISSUER", "").strip().rstrip("/")
STRAMIEN_OIDC_NAME = os.environ.get("STRAMIEN_OIDC_NAME", "").strip() or "uw organisatie"
# Some providers (Entra ID) send no ``email_verified``; trusting their e-mail is a decision.
STRAMIEN_OIDC_TRUST_EMAIL = _flag("STRAMIEN_OIDC_TRUST_EMAIL")
# A person with neither an account nor an invitation gets an account (no programmes) only then.
STRAMIEN_OIDC_CREATE_USERS = _flag("STRAMIEN_OIDC_CREATE_USERS")
OIDC_RP_CLIENT_ID = os.environ.get("STRAMIEN_OIDC_CLIENT_ID", "").strip()
OIDC_RP_CLIENT_SECRET = os.environ.get("STRAMIEN_OIDC_CLIENT_SECRET", "").strip()
OIDC_RP_SIGN_ALGO = os.environ.get("STRAMIEN_OIDC_SIGN_ALGO", "RS256").strip()
OIDC_RP_SCOPES = os.environ.get("STRAMIEN_OIDC_SCOPES", "openid email profile").strip()
# Explicit endpoints win over the ones the issuer's discovery document names.
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("STRAMIEN_OIDC_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("STRAMIEN_OIDC_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("STRAMIEN_OIDC_USERINFO_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("STRAMIEN_OIDC_JWKS_ENDPOINT", "")
STRAMIEN_OIDC_END_SESSION_ENDPOINT = os.environ.get("STRAMIEN_OIDC_END_SESSION_ENDPOINT", "")
STRAMIEN_OIDC_ENABLED = bool(
    OIDC_RP_CLIENT_ID
    and (STRAMIEN_OIDC_ISSUER or (OIDC_OP_AUTHORIZATION_ENDPOINT and OIDC_OP_TOKEN_ENDPOINT))
)
OIDC_USE_PKCE = True
OIDC_STORE_ID_TOKEN = True
OIDC_CREATE_USER = False
OIDC_TIMEOUT = int(os.environ.get("STRAMIEN_OIDC_TIMEOUT", "10"))
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:sso_callback"
# -- end of single sign-on -----------------------------------------------------------------

# Django's database sessions, read with a fixed statement instead of the ORM (the same table;
# every request still reads its session row, so a logout counts at once everywhere).
SESSION_ENGINE = "stramien.web.accounts.sessions"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = _flag("STRAMIEN_SECURE_COOKIES", STRAMIEN_HTTPS)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/Amsterdam")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# Uploads: the YAML import and the artist impression. Larger requests are refused with a message.
STRAMIEN_MAX_UPLOAD_BYTES = int(os.environ.get("STRAMIEN_MAX_UPLOAD_BYTES", str(10 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = STRAMIEN_MAX_UPLOAD_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = STRAMIEN_MAX_UPLOAD_BYTES + 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 20000

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _flag("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Stramien <stramien@localhost>")

# -- Caches -----------------------------------------------------------------------------------
# "default" is this process's memory. "shared" is a table in the database (made by the api
# app's migration), so every process and machine on one database shares its counts: the API's
# rate limits hold however many workers serve.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "shared": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "stramien_shared_cache",
        "OPTIONS": {"MAX_ENTRIES": 100_000, "CULL_FREQUENCY": 4},
    },
}

# -- The REST API (/api/v1, stramien.web.api; docs/api.md) -----------------------------------
# Bodies larger than this are refused (413) before they are read.
STRAMIEN_API_MAX_BODY_BYTES = int(
    os.environ.get("STRAMIEN_API_MAX_BODY_BYTES", str(STRAMIEN_MAX_UPLOAD_BYTES))
)
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "stramien.web.api.authentication.TokenAuthentication",
        # Signed in on the site: the API may be read (writes then need the CSRF token).
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticated",
        "stramien.web.api.permissions.TokenScope",
    ],
    "DEFAULT_PARSER_CLASSES": ["stramien.web.api.parsers.JsonParser"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PAGINATION_CLASS": "stramien.web.api.pagination.Pages",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "stramien.web.api.problems.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": ["stramien.web.api.throttling.PerToken"],
    "DEFAULT_THROTTLE_RATES": {
        # Per token (or signed-in user); per address for the OpenAPI description; refused
        # tokens per address (past it, the address waits, even with a good token).
        "token": os.environ.get("STRAMIEN_API_RATE_TOKEN", "600/min"),
        "address": os.environ.get("STRAMIEN_API_RATE_ADDRESS", "60/min"),
        "refused_token": os.environ.get("STRAMIEN_API_RATE_REFUSED_TOKEN", "30/hour"),
    },
    "NUM_PROXIES": STRAMIEN_PROXY_COUNT or None,
    "UNICODE_JSON": True,
    "COERCE_DECIMAL_TO_STRING": True,
    "DATETIME_FORMAT": "iso-8601",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Stramien API",
    "DESCRIPTION": (
        "De samenwerkingsovereenkomst van een programma, haar versies, bevindingen en "
        "documenten, volgens de NL API Design Rules. Zie docs/api.md."
    ),
    "VERSION": "1.0.0",
    "CONTACT": {
        "name": os.environ.get("STRAMIEN_API_CONTACT_NAME", "Beheer van Stramien"),
        "email": os.environ.get("STRAMIEN_API_CONTACT_EMAIL", "beheer@stramien.example"),
        "url": os.environ.get("STRAMIEN_API_CONTACT_URL", "https://stramien.example/"),
    },
    "LICENSE": {"name": "EUPL-1.2"},
    "SERVERS": [{"url": (STRAMIEN_PUBLIC_URL or "") + "/api/v1"}],
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "SCHEMA_PATH_PREFIX_TRIM": True,
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # A PATCH of the agreement needs its base revision: no "partial" copies of schemas.
    "COMPONENT_SPLIT_PATCH": False,
    "ENUM_NAME_OVERRIDES": {
        "MeasurementStatusEnum": "stramien.web.api.monitoring.serializers.MEASUREMENT_STATUSES",
        "MilestoneProgressEnum": "stramien.web.api.monitoring.serializers.MILESTONE_STATUSES",
        "PeriodStatusEnum": "stramien.web.api.monitoring.serializers.PERIOD_STATUSES",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "stramien.web.api.schema.postprocess",
    ],
}
# CORS for the API only: tokens, not cookies, so any origin may call it.
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_EXPOSE_HEADERS = ["API-Version", "Link", "Retry-After", "Content-Disposition"]

# A revision is stored as a full snapshot every this many revisions, otherwise as a patch.
STRAMIEN_SNAPSHOT_EVERY = int(os.environ.get("STRAMIEN_SNAPSHOT_EVERY", "25"))
# How many parsed documents each process keeps, by content hash (about 1 MB each for the
# large example; 0 turns the cache off, as a benchmark's baseline does).
STRAMIEN_DOCUMENT_CACHE = int(os.environ.get("STRAMIEN_DOCUMENT_CACHE", "32"))
# How many section forms of stored versions each process keeps as HTML (0: none).
STRAMIEN_FORM_CACHE = int(os.environ.get("STRAMIEN_FORM_CACHE", "256"))
# How many parts of pages each process keeps as HTML (the overview of a version, the checks
# beside a section, the programme's navigation; stramien.web.programmes.fragments; 0: none).
STRAMIEN_FRAGMENT_CACHE = int(os.environ.get("STRAMIEN_FRAGMENT_CACHE", "512"))

# The IATI organisation identifier of the organisation that publishes the programmes'
# IATI export (``NL-KVK-12345678``); the activity id is it plus the programme's short name.
STRAMIEN_IATI_ORGANISATION = os.environ.get("STRAMIEN_IATI_ORGANISATION", "").strip()
# The organisation's name in the export; empty: the programme's initiator.
STRAMIEN_IATI_ORGANISATION_NAME = os.environ.get("STRAMIEN_IATI_ORGANISATION_NAME", "").strip()

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("STRAMIEN_LOG_LEVEL", "WARNING")},
}
