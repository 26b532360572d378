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

# Mail is written to the console decoded and kept in var/mail/, shown newest first at
# /en/dev/mail/ (accounts/dev_mail.py); the footer links there.
MAILERS = {
    "default": {
        "BACKEND": "accounts.dev_mail.EmailBackend",
        "OPTIONS": {"file_path": BASE_DIR / "var" / "mail"},
    }
}
ROOT_URLCONF = "settings.urls_dev"
_options = TEMPLATES[0]["OPTIONS"]  # noqa: F405
_processors = [*_options["context_processors"], "accounts.dev_mail.dev_mail_link"]
# A copy: base's own list stays as it is. The other engines (the chair's "rows") stay too.
TEMPLATES = [  # noqa: F405
    {**TEMPLATES[0], "OPTIONS": {**_options, "context_processors": _processors}},  # noqa: F405
    *TEMPLATES[1:],  # noqa: F405
]
