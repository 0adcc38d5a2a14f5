"""Settings shared by every environment, read through one django-environ reader.

The OS environment wins over an optional `.env` file in the project root.
Defaults here give the embedded set-up (SQLite under `var/`, an embedded Celery
broker); `production.py` removes every default that must not reach production.
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

VAR_DIR = Path(env("RHS_VAR_DIR", default=str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="embedded-development-key-not-for-production")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# The public address of the portal, used in links sent to citizens.
PUBLIC_BASE_URL = env("PUBLIC_BASE_URL", default="http://127.0.0.1:8000")
# Demo-only pages (the outbox viewer) exist in the embedded set-up only.
RHS_DEMO_MODE = env.bool("RHS_DEMO_MODE", default=True)

INSTALLED_APPS = [
    "rhs_portal.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "mozilla_django_oidc",
    "rhs_portal",
    "population",
    "scheduling",
    "notifications",
    "invitations",
    "responses",
    "reminders",
    "questionnaire",
    "halsokurva",
    "visits",
    "citizen",
    "reporting",
    "retention",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "rhs_portal.locale.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "rhs_portal.access.StaffContextMiddleware",
    "rhs_portal.access.RequireTwoFactorMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "rhs_portal.urls"
WSGI_APPLICATION = "rhs_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "rhs_portal.access.staff_context",
                "citizen.context.languages",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'rhs.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A web process and an embedded Celery worker share the file: WAL lets
    # readers run beside the writer, IMMEDIATE takes the write lock up front
    # so two writers queue instead of failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 30,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
    # SQLite cannot enforce UNIQUE ... NULLS NOT DISTINCT; the services check it before writing and
    # PostgreSQL (production, CI) enforces it.
    SILENCED_SYSTEM_CHECKS = ["models.W047"]
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DB_CONN_MAX_AGE", default=60))
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis, cache and Celery ----------------------------------------------------
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # Embedded broker: kombu's filesystem transport, so `celery worker -B`
    # runs beat and tasks with no service at all.
    _broker_dir = VAR_DIR / "celery" / "broker"
    _broker_dir.mkdir(parents=True, exist_ok=True)
    (VAR_DIR / "celery" / "processed").mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir),
        "data_folder_out": str(_broker_dir),
        "processed_folder": str(VAR_DIR / "celery" / "processed"),
        "store_processed": False,
    }
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = "Europe/Stockholm"
# A publish with the broker down must not hang a web request: the state it
# announces is already committed (outbox rows, job rows) and a beat job picks
# up what was never delivered.
CELERY_BROKER_CONNECTION_RETRY = False
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.5}
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)

# --- Authentication -------------------------------------------------------------
AUTH_USER_MODEL = "population.StaffUser"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Two-factor login (TOTP via django-otp); required under production settings.
RHS_REQUIRE_2FA = env.bool("RHS_REQUIRE_2FA", default=False)
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", default="RHS-portalen")

# OIDC login against a region's identity provider, enabled when configured.
OIDC_RP_CLIENT_ID = env("OIDC_RP_CLIENT_ID", default="")
OIDC_ENABLED = bool(OIDC_RP_CLIENT_ID)
if OIDC_ENABLED:
    OIDC_RP_CLIENT_SECRET = env("OIDC_RP_CLIENT_SECRET")
    OIDC_RP_SIGN_ALGO = env("OIDC_RP_SIGN_ALGO", default="RS256")
    OIDC_OP_AUTHORIZATION_ENDPOINT = env("OIDC_OP_AUTHORIZATION_ENDPOINT")
    OIDC_OP_TOKEN_ENDPOINT = env("OIDC_OP_TOKEN_ENDPOINT")
    OIDC_OP_USER_ENDPOINT = env("OIDC_OP_USER_ENDPOINT")
    OIDC_OP_JWKS_ENDPOINT = env("OIDC_OP_JWKS_ENDPOINT", default="")
    OIDC_RP_SCOPES = env("OIDC_RP_SCOPES", default="openid email profile")
    # Staff accounts are provisioned by administrators; the identity provider
    # only proves who logs in.
    OIDC_CREATE_USER = False
    OIDC_USERNAME_CLAIM = env("OIDC_USERNAME_CLAIM", default="hsa_id")
    # The identity provider already demands a second factor (e.g. SITHS).
    OIDC_PROVIDES_MFA = env.bool("OIDC_PROVIDES_MFA", default=True)
    AUTHENTICATION_BACKENDS.insert(1, "rhs_portal.oidc.StaffOIDCBackend")
    LOGIN_REDIRECT_URL_FAILURE = "accounts:login"

# Login throttling (django-axes): 5 failures lock the user+IP for 15 minutes.
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"

# Sessions end after 15 minutes without a request.
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_SECONDS", default=15 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Citizens confirm who they are with these, weakest first (citizen/auth.py);
# results after the visit ask for RHS_CITIZEN_RESULTS_LEVEL.
RHS_CITIZEN_AUTHENTICATORS = env.list("RHS_CITIZEN_AUTHENTICATORS", default=["citizen.auth.DateOfBirthCheck"])
RHS_CITIZEN_RESULTS_LEVEL = env("RHS_CITIZEN_RESULTS_LEVEL", default="basic")

# Research extracts are encrypted at rest with this Fernet key (32 url-safe base64 bytes);
# empty = derived from SECRET_KEY.
RHS_EXPORT_KEY = env("RHS_EXPORT_KEY", default="")

# --- Content security policy (django-csp) ---------------------------------------
# No inline script or style anywhere: behaviour lives in vendored static files.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# --- Internationalisation -------------------------------------------------------
LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

# --- Static and media -----------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded and generated files hold personal data: never served directly,
# only through views that check access.
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(VAR_DIR / "media")))
MEDIA_URL = "/media-not-served/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- E-mail ---------------------------------------------------------------------
EMAIL_CONFIG = env.email("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="RHS-portalen <noreply@example.com>")

# --- Messages to citizens (notifications) ---------------------------------------
# Inbox messages go to this adapter: the portal's own citizen inbox by default
# (a 1177 integration implements the same interface, ADR 0012).
RHS_INBOX_ADAPTER = env("RHS_INBOX_ADAPTER", default="notifications.backends.inbox.EmbeddedInbox")
RHS_SMS_BACKEND = env("RHS_SMS_BACKEND", default="notifications.backends.sms.ConsoleSmsBackend")
RHS_SMS_DIR = env("RHS_SMS_DIR", default=str(VAR_DIR / "sms"))
# With RHS_DEMO_MODE every e-mail and SMS is also written here (and listed on the demo outbox page).
RHS_OUTBOX_COPY_DIR = env("RHS_OUTBOX_COPY_DIR", default=str(VAR_DIR / "outbox"))

# --- Letters ----------------------------------------------------------------------
# Letter batches are rendered by this function (invitations.letters), in this many worker processes.
RHS_LETTER_RENDERER = env("RHS_LETTER_RENDERER", default="invitations.letters.render.render_letters_pdf")
RHS_LETTER_WORKERS = env.int("RHS_LETTER_WORKERS", default=1)
# "Send to the print shop": the provider class, and the folder the default provider drops PDF + manifest in.
RHS_PRINT_PROVIDER = env("RHS_PRINT_PROVIDER", default="invitations.printing.FolderPrintProvider")
RHS_PRINT_SHOP_DIR = env("RHS_PRINT_SHOP_DIR", default=str(VAR_DIR / "print-shop"))

# --- Logging --------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    # WeasyPrint reports every laid-out page at INFO: thousands of lines per letter batch.
    "loggers": {"axes": {"level": "WARNING"}, "weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}
