"""Each test leg runs on the parts it claims: SQLite and files, or PostgreSQL and S3."""

import os
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
from django.db import connection
from django.urls import Resolver404, resolve

from settings.storage import PARTIAL, AtomicFileSystemStorage

ROOT = Path(settings.BASE_DIR)


@pytest.mark.django_db
def test_leg_uses_its_database_and_storage(s3_server):
    if settings.TEST_BACKEND == "postgres":
        assert connection.vendor == "postgresql"
        assert type(storages["default"]).__name__ == "S3Storage"
        assert s3_server.endpoint_url == f"http://127.0.0.1:{settings.S3_TEST_PORT}"
    else:
        assert connection.vendor == "sqlite"
        assert type(storages["default"]).__name__ == "AtomicFileSystemStorage"


def test_stored_files_are_private_and_never_overwritten():
    first = default_storage.save("private/a.txt", ContentFile(b"one"))
    second = default_storage.save("private/a.txt", ContentFile(b"two"))
    assert first != second
    with default_storage.open(first) as handle:
        assert handle.read() == b"one"
    if settings.TEST_BACKEND == "postgres":
        signed = default_storage.url(first)
        assert "X-Amz-Signature=" in signed
        with urllib.request.urlopen(signed) as response:  # noqa: S310 (loopback S3)
            assert response.read() == b"one"
        unsigned = signed.split("?")[0]
        with pytest.raises(urllib.error.HTTPError) as error:
            urllib.request.urlopen(unsigned)  # noqa: S310
        assert error.value.code == 403
        error.value.close()
    else:
        # Media is not routed by the site: files on disk are reached only through views.
        with pytest.raises(Resolver404):
            resolve(f"/media/{first}")


@pytest.mark.slow
def test_production_settings_pass_check_deploy():
    # Only the browser tests' own process relaxes async safety; a deployment never does.
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "settings.production",
        "DJANGO_SECRET_KEY": "x7Hq2LmZ9pR4tV8wYb3nK6cJ1fD5gS0aE-uXiOoWzQyTrPlMkNjBhVgCfDxSeAzR",
        "DJANGO_ALLOWED_HOSTS": "prize.example.org",
        "DATABASE_URL": "postgres://dosta@127.0.0.1:5432/dosta",
        "EMAIL_HOST": "smtp.example.org",
        "SECRETARIAT_EMAIL": "dosta-prize@coe.example",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_a_file_interrupted_while_written_to_disk_never_appears_under_its_name(tmp_path):
    class Interrupted(ContentFile):
        def chunks(self, chunk_size=None):
            yield b"%PDF-1.4 the first half"
            raise OSError("the disk is full")

    storage = AtomicFileSystemStorage(location=tmp_path)
    with pytest.raises(OSError, match="the disk is full"):
        storage.save("private/certificates/DC1-X.pdf", Interrupted(b""))
    assert not storage.exists("private/certificates/DC1-X.pdf")
    assert list((tmp_path / PARTIAL).iterdir()) == []
    name = storage.save("private/certificates/DC1-X.pdf", ContentFile(b"%PDF-1.4 whole %%EOF"))
    assert name == "private/certificates/DC1-X.pdf"
    assert (tmp_path / name).read_bytes() == b"%PDF-1.4 whole %%EOF"
    assert list((tmp_path / PARTIAL).iterdir()) == []
