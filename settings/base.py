"""Settings shared by every environment; local.py, test.py and production.py refine them."""

from pathlib import Path
from urllib.parse import urlsplit

from django.utils.translation import gettext_lazy as _

from .observability import logging_config

BASE_DIR = Path(__file__).resolve().parent.parent

# Overridden everywhere but in local development; local.py sets a fixed dev key.
SECRET_KEY = ""  # nosec B105 # empty: every environment sets its own
DEBUG = False
ALLOWED_HOSTS: list[str] = []

INSTALLED_APPS = [
    # The admin opens only after a second factor (accounts/admin_site.py).
    "accounts.admin_config.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_fsm",
    "django_tasks_db",
    # Two-factor login: authenticator apps (TOTP) and single-use recovery codes.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "accounts",
    "prize",
    "submissions",
    "jury",
    "alliance",
    "outreach",  # announcements of calls, deadline reminders, opt-outs: beside results
    "results",  # publication, public pages, certificates: reads every app below
    "demo",  # seed_demo: above every app, as it uses them all
]

MIDDLEWARE = [
    # First, so that every log line of the request carries its id (settings/observability.py).
    "settings.observability.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): whether this session passed the second factor; then
    # the one gate every page, the admin and any form post passes (accounts/middleware.py).
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
]

ROOT_URLCONF = "settings.urls"
WSGI_APPLICATION = "settings.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            # The `date` filter with the French "1er" (web/dates.py), in every template.
            "builtins": ["web.dates"],
            # The secretariat's safe texts (the call, news): {% load richtext %}.
            "libraries": {"richtext": "web.richtext"},
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "prize.context_processors.site",
                "alliance.context_processors.counter",
            ],
        },
    },
    # Only the chair's long tables (jury/templatetags/jury_tags.py): Jinja2 compiles a
    # loop of 2,000 rows into Python, several times faster than the engine above. Every
    # value is escaped (autoescape), the numbers and labels come written from the tag.
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "NAME": "rows",
        "DIRS": [BASE_DIR / "templates" / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {"autoescape": True},
    },
]

# The embedded default (SQLite) must hold parallel saves like PostgreSQL does: WAL lets
# readers go on while one connection writes; every transaction takes the write lock when
# it begins (IMMEDIATE), so two saves queue up instead of one failing with "database is
# locked" when it tries to upgrade a read lock; a waiting save waits up to 20 s.
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": BASE_DIR / "var" / "db.sqlite3",
        "OPTIONS": SQLITE_OPTIONS,
    }
}
# The public pages cached for anonymous visitors (results/public_cache.py): each server's own
# memory, keyed by the version token in the database, so several servers stay correct
# without a shared cache. Old versions' pages are culled when the cache is full.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "public_pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "public-pages",
        "TIMEOUT": None,
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["accounts.backends.ThrottledModelBackend"]
# Password logins are refused for a while after too many failures within the window, for
# one address or from one client IP address (accounts/backends.py; kept in the database).
LOGIN_THROTTLE = {"ACCOUNT_LIMIT": 5, "IP_LIMIT": 20, "WINDOW": 15 * 60}
# The requests that make the site send an e-mail are refused (429, saying when to try
# again) after ADDRESS_LIMIT of them for one address, or IP_LIMIT from one client IP
# address, within WINDOW seconds: registering, asking for a password reset, inviting
# (an account, a colleague, a juror). Counted in the database, like the login failures.
REQUEST_THROTTLE = {
    "register": {"ADDRESS_LIMIT": 3, "IP_LIMIT": 10, "WINDOW": 3600},
    "password_reset": {"ADDRESS_LIMIT": 3, "IP_LIMIT": 10, "WINDOW": 3600},
    "invite": {"ADDRESS_LIMIT": 3, "IP_LIMIT": 50, "WINDOW": 3600},
}
# How many reverse proxies of ours append to X-Forwarded-For (0: clients connect directly).
TRUSTED_PROXIES = 0
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Two-factor login (docs/deploy.md, "Two-factor login"). The secretariat and the admin's
# users always need it (accounts.rules.second_factor_required); the apps above accounts
# name who else does, each with a function of the user (a dotted path, as for context
# processors, so that accounts imports none of them): jurors and the chair while their
# edition is judged or deliberated.
SECOND_FACTOR_REQUIRED_BY = ["jury.selectors.second_factor_duty"]
# The name authenticator apps show beside the account.
OTP_TOTP_ISSUER = "Dosta!-Congress Prize"
# The admin never shows a TOTP key or the recovery codes, not even to a superuser.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "results:start"
LOGOUT_REDIRECT_URL = "results:home"
# An invitation link stays valid for a week; a reset link for the same week.
PASSWORD_RESET_TIMEOUT = 7 * 24 * 3600

# The secretariat's address: on the contact page, the error pages and the footer of every
# e-mail. production.py reads it from SECRETARIAT_EMAIL; this is the demo's.
SECRETARIAT_EMAIL = "dosta-prize@example.org"
# How long what is no longer needed is kept, in days (docs/deploy.md "Retention",
# enforced by `manage.py purge`, run daily by the operator's scheduler; the privacy
# notice quotes them): accounts whose address was never confirmed (the link itself
# expires after three days), draft entries never submitted, counted from the deadline
# of an edition no longer open, and the records of failed logins.
RETENTION_DAYS = {"unconfirmed_accounts": 30, "draft_entries": 180, "login_failures": 30}

# Where the site is reached: the base of links in e-mails sent by the worker and of the
# verification URLs printed on certificates (no request is at hand there).
SITE_URL = "http://127.0.0.1:8000"
# E-mail domains that many unrelated people share, added to the public webmail providers
# of jury.rules.COMMON_MAIL_DOMAINS: a juror and an authority's person whose addresses
# end in one of them are not flagged as a likely conflict for that alone.
SHARED_MAIL_DOMAINS: list[str] = []

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
# Deadlines are shown in Strasbourg time, where the prize is awarded.
TIME_ZONE = "Europe/Paris"

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = BASE_DIR / "var" / "media"
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "settings.storage.AtomicFileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}


def s3_storage(
    *, endpoint_url: str, bucket: str, access_key: str, secret_key: str, region: str = "us-east-1"
) -> dict:
    """The private S3 storage: signed short-lived URLs, no ACLs, never overwrite."""
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "endpoint_url": endpoint_url,
            "bucket_name": bucket,
            "access_key": access_key,
            "secret_key": secret_key,
            "region_name": region,
            "addressing_style": "path",
            "signature_version": "s3v4",
            "default_acl": None,
            "querystring_auth": True,
            "querystring_expire": 300,
            "file_overwrite": False,
        },
    }


def csp_with_bucket(csp: dict, endpoint_url: str) -> dict:
    """The Content Security Policy letting pages show images from the bucket's endpoint:
    photos are answered with a redirect to a signed URL there (web/files.py)."""
    parts = urlsplit(endpoint_url)
    return {**csp, "img-src": [*csp["img-src"], f"{parts.scheme}://{parts.netloc}"]}


# With S3, a permitted file download (a photo, an attachment, a certificate) is a
# redirect to a signed URL of the bucket, valid this many seconds (web/files.py).
SIGNED_URL_SECONDS = 60

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# /ready/ answers 503 when a task has waited longer than this many seconds for a worker
# (none is running, or they cannot keep up).
READY_MAX_TASK_AGE = 300
# A certificate run with no progress for this long lost its worker (killed, out of
# memory, host restarted): it is marked failed, and "Generate" renders the rest.
CERTIFICATE_RUN_STALL_SECONDS = 300

MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = "Dosta!-Congress Prize <prize@example.org>"

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# Django's own Content Security Policy: no inline script or style anywhere.
SECURE_CSP = {
    "default-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "style-src": ["'self'"],
    "script-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
# Cookies: never readable by scripts (the pages' scripts send the form's CSRF field),
# not sent with cross-site subrequests; production.py adds Secure.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Readable lines on the console, each with its request id; production.py switches to
# JSON lines, the access log and mail to ADMINS.
LOGGING = logging_config(log_format="text", access_log=False, mail_admins=False)
FORMAT_MODULE_PATH = ["settings.formats"]
# A form sent with a stale CSRF token gets its text back on a page with a fresh token.
CSRF_FAILURE_VIEW = "web.errors.csrf_failure"
