"""results 0001 and prize 0006: the certificates, their runs and the public pages' version
token moved from prize to results. A database made by the previous code keeps every row,
and the content types (with the permissions and admin history that point at them) follow
the models."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from results.models import Certificate, CertificateRun, PublicPagesVersion
from tests.factories import EntryFactory, UserFactory
from tests.migrations import migrate

BEFORE = [("prize", "0005_public_pages_version")]


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("migrations_restored")
def test_the_rows_written_by_the_previous_code_are_read_by_the_new():
    entry = EntryFactory()  # written by today's models, kept through the migrations
    revoker = UserFactory()
    old = migrate(BEFORE)
    OldCertificate = old.get_model("prize", "Certificate")
    OldRun = old.get_model("prize", "CertificateRun")
    OldVersion = old.get_model("prize", "PublicPagesVersion")
    first = OldCertificate.objects.create(
        number="DC9-AAAA11",
        edition_id=entry.edition_id,
        entry_id=entry.pk,
        kind="laureate",
        status="revoked",
        facts={"place": 1},
        revoked_by_id=revoker.pk,
        revoked_reason="Misprint.",
    )
    OldCertificate.objects.create(
        number="DC9-BBBB22",
        edition_id=entry.edition_id,
        entry_id=entry.pk,
        kind="laureate",
        facts={"place": 1},
        superseded_by_id=None,
    )
    OldRun.objects.create(edition_id=entry.edition_id, total=2, done=2, state="done")
    OldVersion.objects.update_or_create(pk=1, defaults={"token": "before-the-move"})

    migrate([("results", "0001_initial")])

    moved = Certificate.objects.get(number="DC9-AAAA11")
    assert (moved.pk, moved.entry_id, moved.revoked_by_id, moved.revoked_reason) == (
        first.pk,
        entry.pk,
        revoker.pk,
        "Misprint.",
    )
    assert list(Certificate.objects.order_by("number").values_list("number", flat=True)) == [
        "DC9-AAAA11",
        "DC9-BBBB22",
    ]
    assert list(CertificateRun.objects.values_list("total", "done")) == [(2, 2)]
    assert PublicPagesVersion.objects.filter(token="before-the-move").exists()
    # The database still holds the one valid certificate per entry and kind.
    assert entry.certificates.filter(status="valid").count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("migrations_restored")
def test_migrate_moves_the_content_types_and_keeps_the_secretariats_permissions():
    """`migrate` as the operator runs it, with its post_migrate signals."""
    call_command("migrate", "prize", "0005", verbosity=0)
    old_type = ContentType.objects.get(app_label="prize", model="certificate")
    assert Permission.objects.filter(content_type=old_type, codename="view_certificate").exists()

    call_command("migrate", verbosity=0)

    new_type = ContentType.objects.get(app_label="results", model="certificate")
    assert new_type.pk == old_type.pk  # the admin's history of certificates still points here
    assert not ContentType.objects.filter(app_label="prize", model__startswith="certificate")
    view = Permission.objects.filter(content_type=new_type, codename="view_certificate")
    assert view.count() == 1
    assert view.get() in Group.objects.get(name="Secretariat").permissions.all()
