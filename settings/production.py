"""Production: everything from the environment (see docs/deploy.md)."""

import os

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import csp_with_bucket, s3_storage
from .observability import LOG_FORMATS, init_sentry, logging_config, parse_admins


def env(name: str, default: str | None = None) -> str:
    value = os.environ.get(name, default)
    if value is None:
        raise ImproperlyConfigured(f"Set the environment variable {name} (see docs/deploy.md).")
    return value


TRUE, FALSE = ("true", "1", "yes", "on"), ("false", "0", "no", "off")


def flag(name: str, default: bool) -> bool:
    """A yes/no variable. Anything but the values below stops the start: a typo such as
    "ture" must not quietly turn a protection off."""
    value = os.environ.get(name)
    if value is None:
        return default
    if value.strip().lower() in TRUE:
        return True
    if value.strip().lower() in FALSE:
        return False
    raise ImproperlyConfigured(
        f"The environment variable {name} is {value!r}, which is neither yes nor no: "
        f"use one of {', '.join(TRUE)} to turn it on, or one of {', '.join(FALSE)} "
        "to turn it off (see docs/deploy.md)."
    )


def number(name: str, default: int) -> int:
    value = env(name, str(default))
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(
            f"The environment variable {name} is {value!r}: write a whole number, such as "
            f"{default} (see docs/deploy.md)."
        ) from None


SECRET_KEY = env("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = [h.strip() for h in env("DJANGO_ALLOWED_HOSTS").split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = [f"https://{h}" for h in ALLOWED_HOSTS]
SITE_URL = env("DJANGO_SITE_URL", f"https://{ALLOWED_HOSTS[0]}" if ALLOWED_HOSTS else None)
DATABASES = {
    "default": dj_database_url.parse(env("DATABASE_URL"), conn_max_age=60, conn_health_checks=True)
}

if os.environ.get("S3_BUCKET"):
    STORAGES["default"] = s3_storage(  # noqa: F405
        endpoint_url=env("S3_ENDPOINT_URL"),
        bucket=env("S3_BUCKET"),
        access_key=env("S3_ACCESS_KEY"),
        secret_key=env("S3_SECRET_KEY"),
        region=env("S3_REGION", "us-east-1"),
    )
    SECURE_CSP = csp_with_bucket(SECURE_CSP, env("S3_ENDPOINT_URL"))  # noqa: F405
# Hashed names let browsers cache static files for a year.
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
}
MEDIA_ROOT = env("DJANGO_MEDIA_ROOT", str(BASE_DIR / "var" / "media"))  # noqa: F405

MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": env("EMAIL_HOST"),
            "port": number("EMAIL_PORT", 587),
            "username": env("EMAIL_HOST_USER", ""),
            "password": env("EMAIL_HOST_PASSWORD", ""),
            "use_tls": flag("EMAIL_USE_TLS", True),
            "timeout": 20,
        },
    }
}
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", DEFAULT_FROM_EMAIL)  # noqa: F405
# Shown on the contact page, the error pages and in every e-mail: no demo default here.
SECRETARIAT_EMAIL = env("SECRETARIAT_EMAIL")

# The name authenticator apps show for two-factor login.
OTP_TOTP_ISSUER = env("DJANGO_OTP_ISSUER", OTP_TOTP_ISSUER)  # noqa: F405

# Behind a TLS-terminating reverse proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The client's IP address (login throttling) is the one our proxy appends to
# X-Forwarded-For; set the number of proxies of ours in front of the servers.
TRUSTED_PROXIES = number("DJANGO_TRUSTED_PROXIES", 1)
SECURE_SSL_REDIRECT = flag("DJANGO_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = number("DJANGO_HSTS_SECONDS", 365 * 24 * 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True

# Operators hear about errors: 500s and failed tasks by e-mail to ADMINS, and to Sentry
# when SENTRY_DSN is set (nothing is sent anywhere otherwise).
ADMINS = parse_admins("DJANGO_ADMINS", env("DJANGO_ADMINS", ""))
SERVER_EMAIL = env("DJANGO_SERVER_EMAIL", DEFAULT_FROM_EMAIL)
LOG_FORMAT = env("DJANGO_LOG_FORMAT", "json")
if LOG_FORMAT not in LOG_FORMATS:
    raise ImproperlyConfigured(
        f"The environment variable DJANGO_LOG_FORMAT is {LOG_FORMAT!r}: use one of "
        f"{', '.join(LOG_FORMATS)} (see docs/deploy.md)."
    )
LOGGING = logging_config(
    log_format=LOG_FORMAT, access_log=flag("DJANGO_ACCESS_LOG", True), mail_admins=bool(ADMINS)
)
if os.environ.get("SENTRY_DSN", "").strip():
    init_sentry(
        dsn=env("SENTRY_DSN").strip(),
        environment=env("SENTRY_ENVIRONMENT", "production"),
        release=os.environ.get("SENTRY_RELEASE") or None,
    )

# The readiness check (/ready/) fails when the oldest task waiting has waited longer.
READY_MAX_TASK_AGE = number("DJANGO_READY_MAX_TASK_AGE", READY_MAX_TASK_AGE)  # noqa: F405
