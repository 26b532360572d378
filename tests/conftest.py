"""Fixtures for the whole suite. Nothing here fakes the database or the storage: the
PostgreSQL leg starts a real S3 server (SeaweedFS) for the session."""

import copy
import io
import os
import socket
import uuid
from pathlib import Path

import hypothesis
import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from results.public_cache import clear_local, public_pages_changed
from tests.factories import UserFactory
from tests.otp import LoggedInClient
from tests.s3server import SeaweedFS

HISTORY = Path(settings.BASE_DIR) / "prize" / "data" / "dosta-history.json"

# Property tests run the same examples on every run and keep no example database, so the
# same lock gives the same result any day; `HYPOTHESIS_PROFILE=explore` searches afresh.
hypothesis.settings.register_profile("reproducible", derandomize=True, database=None)
hypothesis.settings.register_profile("explore")
hypothesis.settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "reproducible"))

# The folders whose every test carries a marker (`make test-fast` leaves them out).
FOLDER_MARKERS = {"browser": "browser", "deploy": "deploy", "fuzz": "fuzz"}


def pytest_collection_modifyitems(items):
    tests = Path(__file__).parent
    for item in items:
        folder = item.path.relative_to(tests).parts[0]
        if folder in FOLDER_MARKERS:
            item.add_marker(FOLDER_MARKERS[folder])


@pytest.fixture(scope="session", autouse=True)
def s3_server(tmp_path_factory):
    """In the PostgreSQL leg, the S3 server the default storage talks to."""
    if getattr(settings, "TEST_BACKEND", "embedded") != "postgres":
        yield None
        return
    options = settings.STORAGES["default"]["OPTIONS"]
    server = SeaweedFS(
        tmp_path_factory.mktemp("seaweedfs"),
        access_key=options["access_key"],
        secret_key=options["secret_key"],
        bucket=options["bucket_name"],
        s3_port=settings.S3_TEST_PORT,
    )
    server.start()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the site's default language: a page requested in French by
    the test before leaves French active in the thread (LocaleMiddleware activates the
    request's language and nothing resets it)."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def isolated_storage(settings, tmp_path):
    """Each test sees an empty media storage: its own folder on disk, or its own prefix
    in the S3 bucket."""
    if settings.STORAGES["default"]["BACKEND"].endswith("S3Storage"):
        storages = copy.deepcopy(settings.STORAGES)
        storages["default"]["OPTIONS"]["location"] = f"test-{uuid.uuid4().hex[:12]}"
        settings.STORAGES = storages
    else:
        settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def client():
    """pytest-django's test client, whose force_login passes the second factor too
    (tests/otp.py): a fully logged-in person. Attacks on two-factor login use a plain
    django.test.Client."""
    return LoggedInClient()


@pytest.fixture
def count_queries(db):
    """The number of queries that a call runs: query-count tests compare it at two sizes
    and assert that it is the same, never that it stays under a ceiling."""

    def count(call) -> int:
        with CaptureQueriesContext(connection) as queries:
            call()
        return len(queries)

    return count


@pytest.fixture
def history_path() -> Path:
    return HISTORY


@pytest.fixture
def history(db):
    """The seven past editions, imported as an operator would."""
    call_command("import_edition", str(HISTORY), stdout=io.StringIO())


@pytest.fixture
def secretary(db):
    """A member of the secretariat as the site makes one: staff in the Secretariat
    group, not a superuser."""
    return UserFactory(is_secretariat=True, is_staff=True)


@pytest.fixture
def mail_server_down(settings):
    """Mail goes to a loopback port where no mail server listens: a real SMTP refusal."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 2},
        }
    }


@pytest.fixture
def public_cache():
    """This process's public page cache, empty before and after the test, with a version
    row to key it (a flushed database has lost it). For transactional tests: the cache
    works on committed data only."""
    clear_local()
    public_pages_changed()
    yield
    clear_local()


@pytest.fixture
def migrations_restored():
    """For a test that moves apps back and forth between migrations (tests/migrations.py):
    after it, every app is migrated to its latest again, whatever migrations come later."""
    yield
    call_command("migrate", verbosity=0)
