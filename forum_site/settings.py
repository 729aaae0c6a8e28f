"""One settings module, read from the environment.

Local defaults are safe (SQLite file, DEBUG on only when asked); with DEBUG off the
settings are production-safe once SECRET_KEY, ALLOWED_HOSTS and SITE_URL are given.
"""

import os
import time
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def database_from_url(url: str) -> dict:
    """Parse postgres://user:pass@host:port/name?opt=v or sqlite:///path."""
    parsed = urlparse(url)
    if parsed.scheme in {"sqlite", "sqlite3"}:
        path = unquote(parsed.path[1:]) if parsed.path.startswith("//") else unquote(parsed.path.lstrip("/"))
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": path or BASE_DIR / "db.sqlite3"}
    if parsed.scheme not in {"postgres", "postgresql", "pgsql"}:
        raise ImproperlyConfigured(f"DATABASE_URL: unsupported scheme {parsed.scheme!r}")
    options = {key: values[-1] for key, values in parse_qs(parsed.query).items()}
    # A server that is down or hung answers 503 within seconds (core/database.py), never after the worker timeout.
    options.setdefault("connect_timeout", os.environ.get("DB_CONNECT_TIMEOUT", "2"))
    statement_timeout = os.environ.get("DB_STATEMENT_TIMEOUT_MS", "5000")
    options["options"] = f"{options.get('options', '')} -c statement_timeout={statement_timeout}".strip()
    return {
        # Django's backend plus a client-side deadline on every round trip (core/db/postgresql).
        "ENGINE": "core.db.postgresql",
        "NAME": unquote(parsed.path.lstrip("/")),
        "USER": unquote(parsed.username or ""),
        "PASSWORD": unquote(parsed.password or ""),
        "HOST": parsed.hostname or "",
        "PORT": str(parsed.port or ""),
        "OPTIONS": options,
        # Persistent connections: CONN_MAX_AGE=0 halves Postgres page throughput.
        "CONN_MAX_AGE": int(os.environ.get("CONN_MAX_AGE", "60")),
        "CONN_HEALTH_CHECKS": True,
        "TEST": {"NAME": os.environ.get("TEST_DATABASE_NAME") or None},
    }


def local_secret_key(path: Path) -> str:
    """The key in `path`, generated there once (mode 600) when the file does not exist yet.

    Several processes may start at once: the file is created exclusively, and a loser reads the winner's key."""
    from django.core.management.utils import get_random_secret_key

    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        for _ in range(50):
            key = path.read_text().strip()
            if key:
                return key
            time.sleep(0.01)
        raise ImproperlyConfigured(f"{path} is empty: delete it to generate a new key") from None
    key = get_random_secret_key()
    with os.fdopen(fd, "w") as handle:
        handle.write(key + "\n")
    return key


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG and env_bool("REQUIRE_SECRET_KEY", False):
        raise ImproperlyConfigured("SECRET_KEY must be set in production")
    # Local use: a random key generated once into an ignored file, kept across restarts (sessions survive).
    SECRET_KEY = local_secret_key(Path(os.environ.get("SECRET_KEY_FILE", BASE_DIR / ".secret_key")))

# Where `make run` serves; SITE_URL follows them unless it is set.
HOST = os.environ.get("HOST", "127.0.0.1")
PORT = os.environ.get("PORT", "8000")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", f"127.0.0.1,localhost,testserver,{HOST}")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = os.environ.get("SITE_URL", f"http://{HOST}:{PORT}").rstrip("/")
SITE_NAME = "Kho tri thức Diễn đàn Kinh tế số"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_htmx",
    "reversion",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "core",
    "search",
    "editions",
    "resolutions",
    "forum_site",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "forum_site.middleware.RequestSizeLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous pages from the shared cache, before the session, the database or the view are touched.
    "core.pagecache.PageCacheMiddleware",
    # HTML and data compressed only when the response is public (no secret in it: BREACH).
    "core.pagecache.PublicGZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): whether this session gave a second factor (core/twofactor.py).
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last of the authentication middleware, as django-axes requires.
    "axes.middleware.AxesMiddleware",
    # Reviewers, administrators (and anyone who set it up) give a second factor before any admin page.
    "core.twofactor.TwoFactorMiddleware",
    "forum_site.middleware.SecurityHeadersMiddleware",
    "forum_site.middleware.GoneAndMovedMiddleware",
]

ROOT_URLCONF = "forum_site.urls"
WSGI_APPLICATION = "forum_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "forum_site.context_processors.site",
            ],
        },
    }
]

if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": database_from_url(os.environ["DATABASE_URL"])}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
            # Seconds a query waits for another process's write lock before failing (then 503).
            "OPTIONS": {"timeout": float(os.environ.get("SQLITE_TIMEOUT", "5"))},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Longest wait for one database round trip in a web process before answering 503 (core/database.py); 0 = none.
DB_CLIENT_TIMEOUT = float(os.environ.get("DB_CLIENT_TIMEOUT", "1.5"))

AUTHENTICATION_BACKENDS = [
    # An address over its failure limit is refused whatever the username (core/ratelimit.py).
    "core.ratelimit.AddressLoginLimit",
    # django-axes next: it refuses a locked-out username/address before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Repeated failed logins lock that username from that address for a cool-off period.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "0.25"))  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
# The real client address (core/ratelimit.client_ip, axes): behind PROXY_COUNT reverse proxies, the last of which
# writes X-Forwarded-For with the address it saw (deploy/nginx.conf); with none, only the socket's address counts.
PROXY_COUNT = int(os.environ.get("PROXY_COUNT", os.environ.get("AXES_PROXY_COUNT", "0")))
AXES_IPWARE_PROXY_ORDER = "right-most"
AXES_IPWARE_PROXY_COUNT = max(PROXY_COUNT - 1, 0) if PROXY_COUNT else None  # proxies listed in the header itself
AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR") if PROXY_COUNT else ("REMOTE_ADDR",)
AXES_CLIENT_IP_CALLABLE = "core.ratelimit.client_ip"
# Failed logins from one address, whatever the usernames, before that address is refused for the window.
LOGIN_ADDRESS_LIMIT = int(os.environ.get("LOGIN_ADDRESS_LIMIT", "20"))
LOGIN_ADDRESS_WINDOW = int(float(os.environ.get("AXES_COOLOFF_HOURS", "0.25")) * 3600)
AXES_VERBOSE = False

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Vietnamese first; English under /en/.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Our own vi formats: Django's use d-m-Y, no grouping and no input formats.
FORMAT_MODULE_PATH = ["core.formats"]
USE_THOUSAND_SEPARATOR = True
FORMS_URLFIELD_ASSUME_HTTPS = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Hashed, compressed static files in production; tests and DEBUG use plain storage
# because the manifest only exists after collectstatic.
STATIC_MANIFEST = env_bool("STATIC_MANIFEST", not DEBUG)  # tests/settings.py switches it off
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if STATIC_MANIFEST
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# One cache shared by every process (page cache and its generation, rate limits): Redis when REDIS_URL is set,
# otherwise files on this machine. Never per-process memory: invalidation and limits would be per worker.
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHE_TIMEOUT_SECONDS = float(os.environ.get("CACHE_TIMEOUT_SECONDS", "0.5"))  # a hung cache is skipped, not waited
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "kts"),
            "OPTIONS": {"socket_connect_timeout": CACHE_TIMEOUT_SECONDS, "socket_timeout": CACHE_TIMEOUT_SECONDS},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("CACHE_DIR", str(BASE_DIR / ".cache" / "django")),
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "kts"),
            "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("CACHE_MAX_ENTRIES", "5000"))},
        }
    }
# The full-page cache for anonymous visitors (core/pagecache.py); PAGE_CACHE=false turns it off.
PAGE_CACHE = env_bool("PAGE_CACHE", True)
# Blocks of public pages kept until a write to an app they show (core/fragments.py); on unless DEBUG.
FRAGMENT_CACHE = env_bool("FRAGMENT_CACHE", not DEBUG)  # `make dev` edits templates without a restart
# Pages rendered into the page cache when a write commits (core/warming.py): each written thing's page and its
# parents', and these; WARM_ON_WRITE=false turns it off.
WARM_ON_WRITE = env_bool("WARM_ON_WRITE", True)
PAGES_WARMED_ON_WRITE = ["/", "/en/", "/nhiem-vu/", "/en/nhiem-vu/"]
# Then every page of the sitemap, by a process of its own (core/warming.py), and after a release (`warm_site`).
WARM_SITE_ON_WRITE = env_bool("WARM_SITE_ON_WRITE", True)
WARM_SITE_PATHS = "forum_site.sitemaps.public_paths"
WARM_SITE_MAX_PAGES = int(os.environ.get("WARM_SITE_MAX_PAGES", "2000"))  # a round: at most this many addresses
WARM_SITE_COMMAND = [str(BASE_DIR / "manage.py"), "warm_site", "--after-write"]
# After a release: gunicorn's when_ready runs `manage.py warm_site` (deploy/gunicorn.conf.py).
WARM_ON_START = env_bool("WARM_ON_START", True)
# With a proxy on this machine keying its cache on the generation (deploy/nginx.conf), where to write it.
PAGE_CACHE_GENERATION_FILE = os.environ.get("PAGE_CACHE_GENERATION_FILE", "")

# Security: production-safe when DEBUG is off.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if not DEBUG:
    # Production sets HTTPS=true (check --deploy is then clean); the local default
    # stays plain HTTP so that `make run` and the test client work.
    _https = env_bool("HTTPS", False)
    SESSION_COOKIE_SECURE = _https
    CSRF_COOKIE_SECURE = _https
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", _https)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000" if _https else "0"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = _https
    SECURE_HSTS_PRELOAD = _https
    if env_bool("BEHIND_PROXY", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Pins "today" for deadline states (ISO date); empty in production. Tests override it.
TODAY = os.environ.get("TODAY") or None
WHITENOISE_USE_FINDERS = not STATIC_MANIFEST  # tests and DEBUG serve from static/ directly

# Request bodies (issue 11): refused before they are read whole. A form with more fields than this (a posted
# TOTAL_FORMS of 100,000 rows) or a larger non-file body is a 400; a whole request over REQUEST_MAX_BYTES (files
# included) is refused with 413 by forum_site.middleware.RequestSizeLimitMiddleware before Django reads it.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # 2.5 MB: the notice import takes at most 300,000 characters
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # larger uploads are spooled to a temporary file
REQUEST_MAX_BYTES = int(os.environ.get("REQUEST_MAX_BYTES", str(21 * 1024 * 1024)))  # attachments are ≤ 20 MB

# Two-factor sign-in (core/twofactor.py): the name authenticator apps show next to the code.
OTP_TOTP_ISSUER = "Kho tri thuc Dien dan KTS"
