"""What submissions holds about a person (accounts.personal_data): their authorities,
invitations, and the entries they worked on with their history, photos and attachments;
what it erases and keeps; and the purge of draft entries never submitted.

Entries belong to their authority: the export lists them whole, but of the other people
who worked on them it says only "you" or not, never who."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from accounts.personal_data import Holder, Purge, holder_register, purge_register
from prize.enums import EditionState
from web.links import absolute

from .enums import EntryState, PhotoPeople
from .models import Authority, AuthorityInvitation, Entry, EntryTransition
from .services.entries import ENTRY_FIELDS
from .services.files import files_delete_quietly


def _authority(authority: Authority, user) -> dict:
    return {
        "id": authority.pk,
        "name": authority.name,
        "name_local": authority.name_local,
        "kind": authority.kind,
        "country": authority.country,
        "address": authority.address,
        "website": authority.website,
        "contact_name": authority.contact_name,
        "contact_email": authority.contact_email,
        "contact_phone": authority.contact_phone,
        "registered_at": authority.created_at,
        "registered_by_you": authority.created_by_id == user.pk,
        "verified_at": authority.verified_at,
        "page": absolute(authority.get_absolute_url()),
    }


def _entry(entry: Entry, user) -> dict:
    return {
        "ref": entry.ref,
        "edition": entry.edition.number,
        "authority": entry.authority.name,
        "state": entry.state,
        **{
            field: getattr(entry, field)
            for field in (
                *ENTRY_FIELDS,
                "created_at",
                "updated_at",
                "submitted_at",
                "info_request",
                "reply_by",
            )
        },
        "last_saved_by_you": entry.updated_by_id == user.pk,
        "submitted_by_you": entry.submitted_by_id == user.pk,
        "page": absolute(entry.get_absolute_url()),
        "history": [step.exported(user) for step in entry.transitions.all()],
        "photos": [
            {
                "original_name": photo.original_name,
                "caption": photo.caption,
                "credit": photo.credit,
                "alternative_text": photo.alt,
                "people_shown_consented": photo.people == PhotoPeople.CONSENTED,
                "no_identifiable_people_shown": photo.people == PhotoPeople.NONE,
                "uploaded_at": photo.uploaded_at,
                "uploaded_by_you": photo.uploaded_by_id == user.pk,
                "link": absolute(photo.get_absolute_url()),
            }
            for photo in entry.photos.all()
        ],
        "attachments": [
            {
                "name": attachment.name,
                "size": attachment.size,
                "uploaded_at": attachment.uploaded_at,
                "uploaded_by_you": attachment.uploaded_by_id == user.pk,
                "link": absolute(attachment.get_absolute_url()),
            }
            for attachment in entry.attachments.all()
        ],
    }


def entries_of(user):
    """The entries of the person's authorities and any other they worked on."""
    touched = (
        Q(authority__members=user)
        | Q(updated_by=user)
        | Q(submitted_by=user)
        | Q(transitions__by=user)
        | Q(photos__uploaded_by=user)
        | Q(attachments__uploaded_by=user)
    )
    ids = Entry.objects.filter(touched).values("pk")
    return (
        Entry.objects.filter(pk__in=ids)
        .select_related("edition", "authority")
        .prefetch_related("transitions", "photos", "attachments")
        .order_by("edition__number", "ref")
    )


def export(user) -> dict:
    invitations = AuthorityInvitation.objects.select_related("authority")
    return {
        "authorities": [
            _authority(authority, user) for authority in Authority.objects.filter(members=user)
        ],
        "invitations_sent": [
            {
                "authority": invitation.authority.name,
                "email": invitation.email,
                "at": invitation.created_at,
                "accepted_at": invitation.accepted_at,
            }
            for invitation in invitations.filter(invited_by=user)
        ],
        "invitations_received": [
            {
                "authority": invitation.authority.name,
                "at": invitation.created_at,
                "accepted_at": invitation.accepted_at,
            }
            for invitation in invitations.filter(Q(email__iexact=user.email) | Q(accepted_by=user))
        ],
        "entries": [_entry(entry, user) for entry in entries_of(user)],
    }


def keeps(user) -> list[str]:
    reasons = []
    if Entry.objects.filter(submitted_by=user).exists():
        reasons.append(_("You submitted an entry."))
    elif EntryTransition.objects.filter(by=user, entry__submitted_at__isnull=False).exists():
        # Not the "created" step of a draft never submitted: that is no record.
        reasons.append(_("You took a step in the history of a submitted entry."))
    return reasons


def erase(user) -> None:
    """The person leaves their authorities; invitations to their address that were not
    accepted are deleted."""
    user.authorities.clear()
    AuthorityInvitation.objects.filter(email__iexact=user.email, accepted_at__isnull=True).delete()


def draft_entries_purge(*, now: datetime, dry_run: bool = False) -> int:
    """Delete the draft entries never submitted to an edition that is no longer open,
    RETENTION_DAYS["draft_entries"] after its deadline.

    Side effects: those entries with their photos and attachments (rows at once, files
    after commit). An entry that was ever submitted is never a draft again, so none of
    the prize's record is touched."""
    cutoff = now - timedelta(days=settings.RETENTION_DAYS["draft_entries"])
    stale = Entry.objects.filter(
        state=EntryState.DRAFT, edition__submission_deadline__lt=cutoff
    ).exclude(edition__state__in=[EditionState.DRAFT, EditionState.OPEN])
    if dry_run:
        return stale.count()
    with transaction.atomic():
        entries = list(
            stale.select_for_update(of=("self",)).prefetch_related("photos", "attachments")
        )
        files = [
            file
            for entry in entries
            for item in (*entry.photos.all(), *entry.attachments.all())
            for file in _files(item)
        ]
        Entry.objects.filter(pk__in=[entry.pk for entry in entries]).delete()
        transaction.on_commit(lambda: files_delete_quietly(files))
    return len(entries)


def _files(item) -> list:
    names = ("file", "large", "thumb")
    return [getattr(item, name) for name in names if getattr(item, name, None)]


def register() -> None:
    holder_register(Holder(name="submissions", export=export, keeps=keeps, erase=erase))
    purge_register(Purge(name="unsubmitted draft entries", run=draft_entries_purge))
