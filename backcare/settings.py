"""BackCare settings: one file, driven by the environment (12-factor).

Local default: SQLite in WAL mode, DEBUG off, plain HTTP on loopback.
Production switches: BACKCARE_HTTPS=1 (TLS behind a proxy), DATABASE_URL, REDIS_URL.
"""

import hashlib
import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [part.strip() for part in os.environ.get(name, default).split(",") if part.strip()]


DEBUG = env_bool("DEBUG")
HTTPS = env_bool("BACKCARE_HTTPS")


def _local_secret_key() -> str:
    """A random key kept in a git-ignored file, so loopback runs need no setup
    and sessions survive a restart. Created atomically: gunicorn workers race here."""
    path = BASE_DIR / ".secret_key"
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        key = path.read_text().strip()
        if key:
            return key
        return secrets.token_urlsafe(50)
    with os.fdopen(fd, "w") as handle:
        key = secrets.token_urlsafe(50)
        handle.write(key)
    return key


SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if HTTPS:
        raise ImproperlyConfigured("SECRET_KEY must be set when BACKCARE_HTTPS=1 (production).")
    SECRET_KEY = _local_secret_key()

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "django_htmx",
    "template_partials",
    "csp",
    "axes",
    "exercises",
]

MIDDLEWARE = [
    # Outermost, so that every response carries them: the SSL redirect and WhiteNoise's
    # static files answer before the middleware below them runs.
    "csp.middleware.CSPMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "exercises.middleware.GetAndPostOnlyMiddleware",
    # Pages are compressed here; static files are already compressed by WhiteNoise above.
    # Django's GZip pads each response with random bytes against BREACH, and CSRF tokens
    # are masked afresh on every page, so a secret can't be read off compressed sizes.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
    "exercises.middleware.DataVersionMiddleware",
]

FORM_RENDERER = "exercises.forms.BackCareFormRenderer"
ROOT_URLCONF = "backcare.urls"
WSGI_APPLICATION = "backcare.wsgi.application"

TEMPLATES = [
    {
        # template_partials wraps these loaders in its own (and the cached loader) itself.
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "exercises.context_processors.site",
            ],
            "builtins": ["template_partials.templatetags.partials"],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=os.environ.get("CONN_HEALTH_CHECKS", "1") == "1",
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several gunicorn workers writing to one SQLite file: the default journal fails 7-12% of
    # concurrent writes with "database is locked", WAL alone more. WAL plus IMMEDIATE
    # transactions, synchronous=NORMAL and a busy timeout (and no ATOMIC_REQUESTS) gave none.
    # Connections persist (CONN_MAX_AGE above): opening one and running these pragmas costs
    # about 0.5 ms a request.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL;"
            "PRAGMA synchronous=NORMAL;"
            "PRAGMA busy_timeout=20000;"
            "PRAGMA foreign_keys=ON;"
        ),
    }

elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Server-side parameter binding lets psycopg prepare a query it has run a few times on
    # a connection, so PostgreSQL parses and plans each hot query once per connection, not
    # on every request (bench: logged-in pages 0.43 -> 0.55 of hello). Behind PgBouncer in
    # transaction mode without prepared-statement support, set PG_PREPARE_THRESHOLD=off.
    threshold = os.environ.get("PG_PREPARE_THRESHOLD", "5")
    DATABASES["default"]["OPTIONS"] = {
        "server_side_binding": True,
        "prepare_threshold": None if threshold == "off" else int(threshold),
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache, sessions ------------------------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
# Two caches. "shared" is one every worker sees (files on one host, Redis beyond it): the
# sessions, each user's version tokens and the throttles' counts, which must agree across
# workers (a session ended in one must be over in all of them). "default" is each
# process's own memory, for everything whose key carries a version (rendered pages and
# fragments, catalog rows, user records): such an entry can't be stale, only unused, and
# reading it costs no round trip.
# Cached rows belong to one database: two sites sharing a Redis, or one checkout served
# with SQLite and later with PostgreSQL, must not read each other's users.
_where = "|".join(str(DATABASES["default"].get(k)) for k in ("ENGINE", "HOST", "PORT", "NAME"))
CACHE_KEY_PREFIX = "backcare-" + hashlib.sha256(_where.encode()).hexdigest()[:12]
if REDIS_URL:
    SHARED_CACHE = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
    }
else:
    # One host: SQLite files in this folder (diskcache), which every worker shares. Losing
    # the folder loses nothing: sessions are in the database too.
    SHARED_CACHE = {
        "BACKEND": "backcare.caches.SharedDiskCache",
        "LOCATION": os.environ.get("BACKCARE_CACHE_DIR", str(BASE_DIR / ".cache" / "shared")),
        # A write that finds another worker's write in progress waits and tries again
        # (diskcache's retry) rather than being dropped: a lost write could leave a
        # session or a version token stale. This is how long one try waits.
        "DATABASE_TIMEOUT": 1.0,
    }
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
    "shared": SHARED_CACHE | {"KEY_PREFIX": CACHE_KEY_PREFIX},
}
# Sessions in the shared cache with the database behind them: a cache restart logs nobody
# out, and a logged-in request usually reads its session without a query.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_CACHE_ALIAS = "shared"

# --- Auth -----------------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "exercises.auth.ProfileModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "exercises:today"
LOGOUT_REDIRECT_URL = "exercises:home"

# django-axes: a cool-off, not a permanent lock (its default locks for good after three
# failures); lock on username + IP together, so nobody can lock someone else out.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# A lock runs its cool-off from the failure that caused it; attempts during the lock
# (even with the right password) don't start it again, so waiting always ends it.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "exercises.throttle.lockout_response"
# Usernames are unique regardless of case, so the throttle counts them that way.
AXES_USERNAME_CALLABLE = "exercises.throttle.throttle_username"
AXES_CACHE = "shared"
AXES_HANDLER = (
    "axes.handlers.cache.AxesCacheHandler"
    if REDIS_URL
    else "axes.handlers.database.AxesDatabaseHandler"
)
# The client's address: behind BACKCARE_PROXY_COUNT proxies, read from X-Forwarded-For
# exactly as far as those proxies wrote it, and only when the request comes from one of
# FORWARDED_ALLOW_IPS (the list gunicorn trusts too; backcare/gunicorn.conf.py).
AXES_CLIENT_IP_CALLABLE = "exercises.throttle.client_ip"
BACKCARE_PROXY_COUNT = int(os.environ.get("AXES_PROXY_COUNT", "1" if HTTPS else "0"))
BACKCARE_TRUSTED_PROXIES = env_list("FORWARDED_ALLOW_IPS", "127.0.0.1")
AXES_VERBOSE = False

# --- E-mail ---------------------------------------------------------------------------------
if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "BackCare <backcare@localhost>")

# --- I18n / time ----------------------------------------------------------------------------
LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
# The site is written in English only, so Django's translation machinery stays off, as its
# docs advise for a site that doesn't translate: every URL reversed and every value
# formatted otherwise looks up the active language first. Dates and numbers are still
# formatted for LANGUAGE_CODE.
USE_I18N = False
USE_TZ = True

# --- Static files: hashed, gzip + brotli, cached forever by WhiteNoise ----------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- Security headers -----------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# No script reads the CSRF cookie: forms carry the token, and htmx sends the one the page
# gives it (hx-headers on <body>).
CSRF_COOKIE_HTTPONLY = True
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# Strict CSP (django-csp 4): no inline script or style, nothing from another host.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

# --- Logging: one line per event, key=value, to stdout --------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "structured": {
            "format": "time=%(asctime)s level=%(levelname)s logger=%(name)s msg=%(message)r",
        }
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "structured"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}

# BackCare's own knobs
BACKCARE_BACKFILL_DAYS = 7
CATALOG_CACHE_SECONDS = int(os.environ.get("CATALOG_CACHE_SECONDS", "600"))
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
USER_CACHE_SECONDS = int(os.environ.get("USER_CACHE_SECONDS", "300"))
CATALOG_VERSION_SECONDS = float(os.environ.get("CATALOG_VERSION_SECONDS", "2"))
# Sign-ups: at most this many attempts an hour from one address, then a pause.
BACKCARE_SIGNUP_LIMIT = int(os.environ.get("BACKCARE_SIGNUP_LIMIT", "10"))
BACKCARE_SIGNUP_WINDOW = timedelta(hours=1)
# Login records (when, from which address and browser) are kept this long, to look into
# password guessing; then they go. A deleted account's go at once.
BACKCARE_LOGIN_RECORD_DAYS = int(os.environ.get("BACKCARE_LOGIN_RECORD_DAYS", "30"))
