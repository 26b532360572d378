"""The readiness check the load balancer polls (/ready/, docs/deploy.md): the database,
the migrations, the file store and the task queue, each named in the answer."""

import copy
import json
from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from results.tasks import results_mail
from tests.downloads import bucket_endpoint

pytestmark = pytest.mark.django_db

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def ready(client):
    response = client.get("/ready/")
    return response, json.loads(response.content)


def test_a_ready_server_answers_200_with_each_check_uncached(client):
    response, answer = ready(client)
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]
    assert answer["ready"] is True
    assert {name: check["ok"] for name, check in answer["checks"].items()} == {
        "database": True,
        "migrations": True,
        "storage": True,
        "tasks": True,
    }
    assert answer["checks"]["migrations"] == {"ok": True, "unapplied": 0, "names": []}
    assert answer["checks"]["storage"]["kind"] == ("s3" if bucket_endpoint() else "files")
    text = response.content.decode()
    secrets = [django_settings.SECRET_KEY, str(connection.settings_dict["NAME"])]
    secrets += [django_settings.STORAGES["default"].get("OPTIONS", {}).get("secret_key", "-")]
    assert [s for s in secrets if s in text] == []


def test_an_unapplied_migration_makes_the_server_not_ready(client):
    applied = MigrationRecorder(connection).migration_qs
    latest = applied.filter(app="prize").order_by("-id").first()
    applied.filter(pk=latest.pk).delete()  # the database of a release not yet migrated
    response, answer = ready(client)
    assert response.status_code == 503
    assert answer["ready"] is False
    migrations = answer["checks"]["migrations"]
    assert migrations["ok"] is False
    assert f"prize.{latest.name}" in migrations["names"]
    assert migrations["unapplied"] >= 1
    assert answer["checks"]["database"]["ok"] is True


def test_a_task_waiting_longer_than_the_limit_makes_the_server_not_ready(client, settings):
    settings.TASKS = DB_TASKS
    settings.READY_MAX_TASK_AGE = 120
    waiting = results_mail.enqueue(edition_id=1)
    later = results_mail.using(run_after=timezone.now() + timedelta(hours=1)).enqueue(edition_id=2)
    response, answer = ready(client)
    assert response.status_code == 200
    assert answer["checks"]["tasks"]["ok"] is True
    assert answer["checks"]["tasks"]["limit_seconds"] == 120

    # Nobody took it for three minutes: no worker runs, or they cannot keep up.
    DBTaskResult.objects.filter(pk=waiting.id).update(
        enqueued_at=timezone.now() - timedelta(seconds=180)
    )
    response, answer = ready(client)
    assert response.status_code == 503
    tasks = answer["checks"]["tasks"]
    assert tasks["ok"] is False
    assert 180 <= tasks["oldest_waiting_seconds"] < 240
    assert DBTaskResult.objects.get(pk=later.id).status == "READY"  # scheduled: not counted


def test_a_file_store_that_cannot_be_used_makes_the_server_not_ready(client, settings, tmp_path):
    if bucket_endpoint():  # the PostgreSQL + S3 leg: a bucket the S3 server does not have
        storages = copy.deepcopy(settings.STORAGES)
        storages["default"]["OPTIONS"]["bucket_name"] = "dosta-no-such-bucket"
        settings.STORAGES = storages
    else:  # files: the media folder's place is taken by a file
        (tmp_path / "media").write_bytes(b"not a folder")
        settings.MEDIA_ROOT = tmp_path / "media"
    response, answer = ready(client)
    assert response.status_code == 503
    storage = answer["checks"]["storage"]
    assert storage["ok"] is False
    assert set(storage) <= {"ok", "kind", "error"}
