"""The embedded default: SQLite, files on disk, mail to the console. No server needed."""

import os

from .base import *  # noqa: F403
from .base import BASE_DIR

DEBUG = True
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "dev-only-not-secret-3f9c1e0b6a2d")
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]

(BASE_DIR / "var").mkdir(exist_ok=True)

# E-mails go out at once (to the console) so the demo needs no task worker.
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
