"""The S3 server killed in the middle of a photo upload through the entry form: a private
SeaweedFS (not the session's shared one), killed after it stored the first of the
photo's three files and before the second. The person gets a clear message and keeps
the typed text, no Photo row is written, and the one object stored before the kill,
which could not be deleted while the server was down, is swept once it is back."""

import io

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command

from settings.base import s3_storage
from submissions.models import Entry
from tests.s3server import SeaweedFS
from tests.submissions.conftest import jpeg_bytes
from tests.submissions.test_bad_input import post_photo

# A real S3 server started and killed per test.
pytestmark = [pytest.mark.django_db, pytest.mark.slow]


@pytest.fixture
def private_s3(tmp_path, settings):
    server = SeaweedFS(tmp_path / "seaweedfs", bucket="dosta-private")
    server.start()
    settings.STORAGES = {
        **settings.STORAGES,
        "default": s3_storage(
            endpoint_url=server.endpoint_url,
            bucket=server.bucket,
            access_key=server.access_key,
            secret_key=server.secret_key,
        ),
    }
    yield server
    server.stop()


def keys(server: SeaweedFS) -> list[str]:
    listing = server.client().list_objects_v2(Bucket=server.bucket)
    return sorted(o["Key"] for o in listing.get("Contents", []))


def test_the_s3_server_killed_mid_upload_keeps_the_draft_and_leaves_no_file(
    client, draft, member, private_s3
):
    # The kill is timed by botocore's own event hook: just before the second PUT of the
    # upload is sent, the server process is killed (SIGKILL); the request then meets a
    # dead server, as it would if the server died at that moment.
    puts = []

    def kill_before_second_put(**kwargs):
        puts.append(kwargs.get("request"))
        if len(puts) == 2:
            private_s3.stop(grace=0)

    events = default_storage.connection.meta.client.meta.events
    events.register("before-send.s3.PutObject", kill_before_second_put)
    client.force_login(member)
    response = post_photo(client, draft, "ok.jpg", jpeg_bytes())
    events.unregister("before-send.s3.PutObject", kill_before_second_put)

    assert not private_s3.running
    assert response.status_code == 400
    assert "The file store is not answering right now, so the file was not kept." in response.text
    assert 'value="Children at the new school"' in response.text  # the typed caption
    entry = Entry.objects.get(pk=draft.pk)
    assert entry.results == "Typed with the upload."
    assert entry.photos.count() == 0

    # Back up: the photo stored before the kill is there, referred to by no row, and the
    # sweep (cron, docs/deploy.md) deletes it.
    private_s3.start()
    [orphan] = keys(private_s3)
    assert orphan.startswith("private/photos/")
    call_command("media_sweep", "--min-age-minutes=0", stdout=io.StringIO())
    assert keys(private_s3) == []

    # And the person's retry works: one photo, its three files, none swept.
    response = post_photo(client, draft, "ok.jpg", jpeg_bytes())
    assert response.status_code == 302
    photo = Entry.objects.get(pk=draft.pk).photos.get()
    stored = sorted([photo.file.name, photo.large.name, photo.thumb.name])
    assert keys(private_s3) == stored
    call_command("media_sweep", "--min-age-minutes=0", stdout=io.StringIO())
    assert keys(private_s3) == stored
