"""Test settings. Two legs, chosen by DOSTA_TEST_BACKEND:

- ``embedded`` (default): SQLite and files on disk, like a fresh checkout.
- ``postgres``: PostgreSQL from DATABASE_URL and media on a real S3 server
  (SeaweedFS, started by the test session on the port chosen here).
"""

import os
import socket
import tempfile
from pathlib import Path

import dj_database_url

from .base import *  # noqa: F403
from .base import SECURE_CSP, SQLITE_OPTIONS, csp_with_bucket, s3_storage
from .observability import logging_config

SECRET_KEY = "test-only-not-secret-b71e5c"  # nosec B105 # tests only
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
SITE_URL = "http://testserver"
DEBUG = False

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}

_run_dir = Path(os.environ.setdefault("DOSTA_TEST_DIR", tempfile.mkdtemp(prefix="dosta-test-")))
MEDIA_ROOT = _run_dir / "media"
STATIC_ROOT = _run_dir / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# The live server of the browser tests serves static files straight from the app folders.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STORAGES = {
    "default": {"BACKEND": "settings.storage.AtomicFileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

TEST_BACKEND = os.environ.get("DOSTA_TEST_BACKEND", "embedded")
if TEST_BACKEND == "postgres":
    DATABASES = {
        "default": dj_database_url.parse(
            os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/dosta")
        )
    }

    def _free_port() -> str:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            return str(s.getsockname()[1])

    # The port is fixed here, before Django reads its storages; the session fixture in
    # tests/conftest.py starts SeaweedFS on it.
    S3_TEST_PORT = int(os.environ.setdefault("DOSTA_TEST_S3_PORT", _free_port()))
    STORAGES["default"] = s3_storage(
        endpoint_url=f"http://127.0.0.1:{S3_TEST_PORT}",
        bucket="dosta-test",
        access_key="dosta-test",
        secret_key="dosta-test-secret",  # nosec B106 # the throwaway test S3 server
    )
    SECURE_CSP = csp_with_bucket(SECURE_CSP, STORAGES["default"]["OPTIONS"]["endpoint_url"])
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": _run_dir / "db.sqlite3",
            "OPTIONS": SQLITE_OPTIONS,
            # A file, not memory, so a task worker started by a test can reach it.
            "TEST": {"NAME": _run_dir / "test-db.sqlite3"},
        }
    }

# A task worker or a gunicorn server started by a test (tests/processes.py) runs with
# these settings on the test database (or the whole DATABASE_URL it is given, say a
# private PostgreSQL cluster) and the media place it is given, with the database task
# backend and persistent, health-checked connections as in production.
if os.environ.get("DOSTA_WORKER_DB") or os.environ.get("DOSTA_WORKER_DATABASE_URL"):
    if os.environ.get("DOSTA_WORKER_DATABASE_URL"):
        DATABASES["default"] = dj_database_url.parse(os.environ["DOSTA_WORKER_DATABASE_URL"])
    else:
        DATABASES["default"]["NAME"] = os.environ["DOSTA_WORKER_DB"]
    DATABASES["default"]["CONN_MAX_AGE"] = 60
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    MEDIA_ROOT = os.environ["DOSTA_WORKER_MEDIA_ROOT"]
    if "OPTIONS" in STORAGES["default"]:  # S3: the test's own prefix in the bucket
        STORAGES["default"]["OPTIONS"]["location"] = os.environ["DOSTA_WORKER_S3_LOCATION"]
    # A worker's or server's log lines as production writes them, when a test asks.
    LOGGING = logging_config(
        log_format=os.environ.get("DOSTA_WORKER_LOG_FORMAT", "text"),
        access_log=False,
        mail_admins=False,
    )
