"""The benchmark's settings: production's, served over plain HTTP on 127.0.0.1, with a
bench-only URLconf that adds the bare reference view. bench/run.py sets the environment
(database, S3, secret) before anything reads these."""

import os

from settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
# Plain HTTP on the loopback: no TLS redirect, and cookies a plain-HTTP client sends back.
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
CSRF_TRUSTED_ORIGINS = ["http://127.0.0.1"]
# Mail goes nowhere: publication is not measured, and no mail server runs here.
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "ERROR"}}

STATIC_ROOT = os.environ.get("DJANGO_STATIC_ROOT", STATIC_ROOT)  # noqa: F405
