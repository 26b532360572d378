"""Production: everything from the environment (see docs/deploy.md)."""

import os

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import s3_storage


def env(name: str, default: str | None = None) -> str:
    value = os.environ.get(name, default)
    if value is None:
        raise ImproperlyConfigured(f"Set the environment variable {name} (see docs/deploy.md).")
    return value


def flag(name: str, default: str) -> bool:
    return env(name, default).strip().lower() in {"1", "true", "yes", "on"}


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
    # Signed photo URLs point at the bucket's origin: let pages show them.
    SECURE_CSP = {**SECURE_CSP, "img-src": [*SECURE_CSP["img-src"], env("S3_ENDPOINT_URL")]}  # noqa: F405
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
            "port": int(env("EMAIL_PORT", "587")),
            "username": env("EMAIL_HOST_USER", ""),
            "password": env("EMAIL_HOST_PASSWORD", ""),
            "use_tls": flag("EMAIL_USE_TLS", "true"),
            "timeout": 20,
        },
    }
}
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", DEFAULT_FROM_EMAIL)  # noqa: F405
# The name authenticator apps show for two-factor login.
OTP_TOTP_ISSUER = env("DJANGO_OTP_ISSUER", OTP_TOTP_ISSUER)  # noqa: F405

# Behind a TLS-terminating reverse proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The client's IP address (login throttling) is the one our proxy appends to
# X-Forwarded-For; set the number of proxies of ours in front of the servers.
TRUSTED_PROXIES = int(env("DJANGO_TRUSTED_PROXIES", "1"))
SECURE_SSL_REDIRECT = flag("DJANGO_SSL_REDIRECT", "true")
SECURE_HSTS_SECONDS = int(env("DJANGO_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
