"""Deleting the demo's data (`seed_demo --reset`) and what older versions of seed_demo
made. Only what the demo itself made goes: its editions (by number, and only while their
name says "Demo"), every entry of its invented authorities, those authorities and their
Alliance records, its news items (by their titles) and its people. The archive and
everything else stay as they are. Stored files (photos, attachments, certificates,
letters, news photos) are deleted after the commit."""

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.db import transaction

from alliance.models import Participation, ParticipationTransition, Profile
from prize.models import Edition, EditionTransition
from results.models import Certificate
from results.public_cache import public_pages_changed
from submissions.models import Attachment, Authority, Entry, Photo
from submissions.services.files import files_delete_quietly

from . import data
from .news import demo_news
from .people import demo_authorities

# What seed_demo made before the demo had invented authorities and people of its own:
# four logins on example.org, an open 8th edition, and Alliance records it invented for
# real laureates of the archive.
LEGACY_EMAILS = (
    "secretariat@example.org",
    "authority@example.org",
    "juror@example.org",
    "chair@example.org",
)
LEGACY_EDITION = 8
LEGACY_AUTHORITY = ("City of Cluj-Napoca", "RO")


def demo_editions():
    editions = Edition.objects.filter(number__in=data.DEMO_EDITIONS)
    for edition in editions:
        if not (edition.name or {}).get("en", "").startswith("Demo"):
            raise CommandError(
                f"Edition {edition.number} is not a demo edition (its name does not start "
                "with “Demo”): the demo needs its number. Nothing was changed."
            )
    return editions


def _files_of(entries, participations) -> list:
    """Every stored file of these entries and participations, as FieldFiles."""
    fields = []
    for photo in Photo.objects.filter(entry__in=entries):
        fields += [photo.file, photo.large, photo.thumb]
    fields += [a.file for a in Attachment.objects.filter(entry__in=entries)]
    fields += [c.file for c in Certificate.objects.filter(entry__in=entries)]
    fields += [p.letter for p in participations]
    return [f for f in fields if f]


def demo_delete() -> dict:
    """Delete the demo data. Returns how many editions, authorities, people and news
    items went."""
    User = get_user_model()
    with transaction.atomic():
        editions = demo_editions()
        authorities = demo_authorities()
        entries = Entry.objects.filter(edition__in=editions) | Entry.objects.filter(
            authority__in=authorities
        )
        participations = list(Participation.objects.filter(authority__in=authorities))
        news = list(demo_news())
        files = [f for item in news for f in (item.file, item.large, item.thumb) if f]
        stored = _files_of(entries, participations) + files
        transaction.on_commit(lambda: files_delete_quietly(stored))
        counts = {
            "editions": editions.count(),
            "authorities": authorities.count(),
            "news": len(news),
        }
        entries.delete()
        editions.delete()
        Participation.objects.filter(pk__in=[p.pk for p in participations]).delete()
        Authority.objects.filter(pk__in=authorities.values("pk")).delete()
        demo_news().delete()
        counts["people"] = (
            User.objects.filter(email__in=data.DEMO_EMAILS).delete()[1].get(User._meta.label, 0)
        )
        public_pages_changed()
    return counts


def legacy_delete() -> list[str]:
    """Remove what an older seed_demo made, found through the four old demo logins: the
    8th edition their secretariat created (while it has no entry), the
    Alliance records they made for authorities of the archive (those authorities stay),
    the old demo authority, and the logins. Returns what was removed, in words."""
    User = get_user_model()
    legacy = list(User.objects.filter(email__in=LEGACY_EMAILS))
    if not legacy:
        return []
    removed = []
    with transaction.atomic():
        created = EditionTransition.objects.filter(
            edition__number=LEGACY_EDITION, action="create", by__in=legacy
        ).values("edition")
        old = Edition.objects.filter(pk__in=created, entries__isnull=True)
        if old.exists():
            stored = _files_of(Entry.objects.filter(edition__in=old), [])
            transaction.on_commit(lambda: files_delete_quietly(stored))
            old.delete()
            removed.append(f"the old demo edition {LEGACY_EDITION}")
        made = ParticipationTransition.objects.filter(
            by__in=legacy, action__in=("register", "request")
        ).values("participation")
        participations = list(Participation.objects.filter(pk__in=made))
        Profile.objects.filter(
            authority__in=[p.authority_id for p in participations], updated_by__in=legacy
        ).delete()
        letters = _files_of(Entry.objects.none(), participations)
        transaction.on_commit(lambda: files_delete_quietly(letters))
        Participation.objects.filter(pk__in=[p.pk for p in participations]).delete()
        if participations:
            removed.append(f"{len(participations)} invented Alliance records")
        name, country = LEGACY_AUTHORITY
        Authority.objects.filter(
            name=name, country=country, entries__isnull=True, members__in=legacy
        ).delete()
        User.objects.filter(pk__in=[u.pk for u in legacy]).delete()
        removed.append("the old demo logins on example.org")
        public_pages_changed()
    return removed
