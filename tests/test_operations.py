"""What operators get from the production settings (docs/deploy.md): errors mailed to
ADMINS and sent to Sentry (only when SENTRY_DSN is set, with no personal data), JSON log
lines that carry the request id shown on the 500 page, and a start refused when a yes/no
variable is neither. Each runs the production settings in a child process."""

import gzip
import json
import re
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.security.test_headers import ROOT, production_env

pytestmark = pytest.mark.slow
PROXY_ID = "proxy-id-0123456789abcdef"


def run(args, env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


class Tracker:
    """A stand-in for Sentry's ingestion endpoint on 127.0.0.1: keeps what is sent."""

    def __init__(self):
        received = self.received = []

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                if self.headers.get("Content-Encoding") == "gzip":
                    body = gzip.decompress(body)
                received.append(body.decode(errors="replace"))
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.dsn = f"http://publickey@127.0.0.1:{self.server.server_port}/1"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def test_an_error_reaches_admins_sentry_and_the_logs_under_the_id_the_person_sees(tmp_path):
    with Tracker() as tracker:
        env = production_env(
            tmp_path,
            DJANGO_ADMINS="Ops Team <ops@example.org>, duty@example.org",
            SENTRY_DSN=tracker.dsn,
            SENTRY_ENVIRONMENT="staging",
            SENTRY_RELEASE="dosta@1.2.3",
        )
        done = run(["-m", "tests.operations_probe"], env)
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)

    # The person sees the proxy's id as the reference to quote.
    assert answer["status"] == 500
    assert answer["request_id"] == PROXY_ID
    assert f"quote this reference: <strong>{PROXY_ID}</strong>" in answer["body"]
    assert f"en indiquant cette référence : <strong>{PROXY_ID}</strong>" in answer["body"]
    assert "RuntimeError" not in answer["body"]
    # A malformed id from outside is replaced by one of ours.
    assert re.fullmatch(r"[0-9a-f]{32}", answer["odd_request_id"])

    # Every log line is one JSON object; the error and the access line carry the id.
    records = [json.loads(line) for line in done.stderr.splitlines() if line.strip()]
    error = [r for r in records if r["logger"] == "django.request"]
    assert [(r["level"], r["request_id"]) for r in error] == [("ERROR", PROXY_ID)]
    assert "RuntimeError: boom" in error[0]["exc_info"]
    access = [r for r in records if r["logger"] == "dosta.requests"]
    assert [(r["path"], r["status"], r["request_id"]) for r in access] == [
        ("/boom/", 500, PROXY_ID),
        ("/robots.txt", 200, answer["odd_request_id"]),
    ]

    # ADMINS get the traceback and the id, not the person's answers or cookies.
    [mail] = answer["mails"]
    assert mail["to"] == ["Ops Team <ops@example.org>", "duty@example.org"]
    assert "Internal Server Error: /boom/" in mail["subject"]
    assert f"Request id: {PROXY_ID}" in mail["body"]
    assert "RuntimeError: boom" in mail["body"]
    assert "PRIVATE-ANSWER-42" not in mail["body"]
    assert "PRIVATE-COOKIE-42" not in mail["body"]

    # Sentry gets the error, tagged with the id, environment and release; no personal data.
    assert answer["sentry_active"] is True
    sent = "\n".join(tracker.received)
    assert "boom: an unexpected failure" in sent
    assert f'"request_id":"{PROXY_ID}"' in sent.replace(" ", "")
    assert '"environment":"staging"' in sent.replace(" ", "")
    assert '"release":"dosta@1.2.3"' in sent.replace(" ", "")
    assert "PRIVATE-ANSWER-42" not in sent
    assert "PRIVATE-COOKIE-42" not in sent


def test_without_a_dsn_nothing_is_sent_and_without_admins_nobody_is_mailed(tmp_path):
    done = run(["-m", "tests.operations_probe"], production_env(tmp_path))
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert (answer["status"], answer["sentry_active"], answer["mails"]) == (500, False, [])


PRINT = "import django; django.setup(); from django.conf import settings as s; print({})"


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("EMAIL_USE_TLS", "off", "s.MAILERS['default']['OPTIONS']['use_tls']"),
        ("DJANGO_SSL_REDIRECT", "0", "s.SECURE_SSL_REDIRECT"),
        ("DJANGO_ACCESS_LOG", "No", "s.LOGGING['loggers']['dosta.requests']['level']"),
    ],
)
def test_a_yes_no_variable_reads_each_accepted_word(tmp_path, name, value, expected):
    done = run(["-c", PRINT.format(expected)], production_env(tmp_path, **{name: value}))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() in {"False", "WARNING"}
    done = run(["-c", PRINT.format(expected)], production_env(tmp_path, **{name: " TRUE "}))
    assert done.stdout.strip() in {"True", "INFO"}


@pytest.mark.parametrize("name", ["EMAIL_USE_TLS", "DJANGO_SSL_REDIRECT", "DJANGO_ACCESS_LOG"])
def test_a_yes_no_variable_that_is_neither_stops_the_start_with_a_sentence(tmp_path, name):
    done = run(["manage.py", "check"], production_env(tmp_path, **{name: "ture"}))
    assert done.returncode == 1
    assert (
        f"ImproperlyConfigured: The environment variable {name} is 'ture', which is neither "
        "yes nor no: use one of true, 1, yes, on to turn it on, or one of false, 0, no, off "
        "to turn it off (see docs/deploy.md)."
    ) in done.stderr


@pytest.mark.parametrize(
    ("name", "value", "sentence"),
    [
        ("DJANGO_ADMINS", "ops@example.org, not-an-address", "holds 'not-an-address', which"),
        ("DJANGO_LOG_FORMAT", "xml", "DJANGO_LOG_FORMAT is 'xml': use one of json, text"),
        ("DJANGO_READY_MAX_TASK_AGE", "5 minutes", "write a whole number, such as 300"),
    ],
)
def test_other_malformed_operations_variables_stop_the_start(tmp_path, name, value, sentence):
    done = run(["manage.py", "check"], production_env(tmp_path, **{name: value}))
    assert done.returncode == 1
    assert sentence in done.stderr


def test_with_a_bucket_the_csp_allows_images_from_the_endpoint_s_origin_only(tmp_path):
    env = production_env(
        tmp_path,
        S3_BUCKET="dosta-media",
        S3_ENDPOINT_URL="https://s3.example.org:8443/storage/",
        S3_ACCESS_KEY="dosta-app",
        S3_SECRET_KEY="change-me",
    )
    done = run(["-c", PRINT.format("s.SECURE_CSP['img-src']")], env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[\"'self'\", 'data:', 'https://s3.example.org:8443']"
