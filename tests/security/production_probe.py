"""Run by tests/security/test_headers.py in a child process with
DJANGO_SETTINGS_MODULE=settings.production: requests a few pages through Django's test
client, as if behind the TLS proxy or not, and prints what came back as JSON."""

import json

import django
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.test.utils import override_settings, setup_test_environment


def answer(response) -> dict:
    return {
        "status": response.status_code,
        "headers": dict(response.headers),
        "cookies": {
            name: {key: morsel[key] for key in ("secure", "httponly", "samesite")}
            for name, morsel in response.cookies.items()
        },
    }


def main() -> None:
    django.setup()
    # Pages read the database (the Alliance counter on every page): a migrated one, as in
    # production (DATABASE_URL is a throw-away SQLite file of the test).
    call_command("migrate", verbosity=0)
    setup_test_environment()
    host = {"HTTP_HOST": "prize.example.org"}
    tls = {**host, "HTTP_X_FORWARDED_PROTO": "https"}
    client = Client()
    result = {
        "plain": answer(client.get("/robots.txt", **host)),
        "tls": answer(client.get("/robots.txt", **tls)),
    }
    # The manifest of hashed static names is made by collectstatic at deployment; the
    # login page is rendered here with plain static names, the rest as in production.
    plain_static = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    with override_settings(STORAGES={**settings.STORAGES, "staticfiles": plain_static}):
        result["login"] = answer(client.get("/en/accounts/login/", **tls))
    result["settings"] = {
        name: getattr(settings, name)
        for name in ("SESSION_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY", "SESSION_COOKIE_SAMESITE")
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
