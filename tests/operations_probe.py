"""Run by tests/test_operations.py in a child process with settings.production: one
request that fails (with a proxy's request id and a form field that is nobody's business
in a report) and one with a malformed id, then prints what came back as JSON. The log
lines go to stderr, the errors to ADMINS (Django's test mail outbox) and, when SENTRY_DSN
is set, to the tracker."""

import json

import django
import sentry_sdk
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.test.utils import override_settings, setup_test_environment

TLS = {"HTTP_HOST": "prize.example.org", "HTTP_X_FORWARDED_PROTO": "https"}


def main() -> None:
    django.setup()
    call_command("migrate", verbosity=0)
    setup_test_environment()
    client = Client(raise_request_exception=False)
    with override_settings(ROOT_URLCONF="tests.boom_urls"):
        failed = client.post(
            "/boom/",
            {"answer": "PRIVATE-ANSWER-42"},
            HTTP_X_REQUEST_ID="proxy-id-0123456789abcdef",
            HTTP_COOKIE="sessionid=PRIVATE-COOKIE-42",
            **TLS,
        )
        odd = client.get("/robots.txt", HTTP_X_REQUEST_ID="bad id <script>", **TLS)
    sentry_sdk.flush(timeout=10)
    print(
        json.dumps(
            {
                "status": failed.status_code,
                "body": failed.content.decode(),
                "request_id": failed["X-Request-ID"],
                "odd_request_id": odd["X-Request-ID"],
                "mails": [{"to": m.to, "subject": m.subject, "body": m.body} for m in mail.outbox],
                "sentry_active": sentry_sdk.get_client().is_active(),
            }
        )
    )


if __name__ == "__main__":
    main()
