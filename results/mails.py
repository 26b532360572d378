"""The e-mail that announces an edition's results to every authority that took part."""

from django.conf import settings
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_noop

from accounts.mail import mail_send
from prize.models import Edition
from prize.texts import place_label
from results.enums import CertificateStatus
from results.models import Certificate
from submissions.enums import EntryState
from submissions.models import Entry

SUBJECT = gettext_noop("The results of the %(edition)s")


def _entries(edition: Edition):
    return (
        Entry.objects.filter(
            edition=edition,
            state__in=(EntryState.AWARDED, EntryState.NOT_AWARDED, EntryState.INELIGIBLE),
        )
        .select_related("authority", "result")
        .prefetch_related(
            "authority__members",
            Prefetch(
                "certificates",
                queryset=Certificate.objects.filter(status=CertificateStatus.VALID),
                to_attr="valid_certificates",
            ),
        )
        .order_by("ref")
    )


def _links(entry: Entry, language: str) -> dict:
    site = settings.SITE_URL.rstrip("/")
    with translation.override(language):
        result = getattr(entry, "result", None)
        laureate = entry.state == EntryState.AWARDED
        return {
            "result": site + _result_path(entry),
            "place": place_label(result.place, result.ex_aequo) if laureate and result else "",
            "certificates": [(c, site + c.get_absolute_url()) for c in entry.valid_certificates],
            "downloads": site + reverse("results:my_certificates"),
        }


def _result_path(entry: Entry) -> str:
    """Laureates: their public page; ranked entries: their own page; the others: the
    edition's results."""
    number = entry.edition.number
    if entry.state == EntryState.AWARDED:
        return reverse("results:laureate", kwargs={"number": number, "ref": entry.ref})
    if entry.state == EntryState.NOT_AWARDED:
        return entry.get_absolute_url()
    return reverse("results:edition", kwargs={"number": number})


def results_mail(*, edition_id: int) -> int:
    """E-mail every member of every authority that took part, in the language of its
    entry: laureates with their place and certificate, the other ranked entries with
    thanks and a link to their entry, the ineligible ones with the laureates' page.
    Each e-mail is its own task (accounts.mail.mail_send), so a refused address fails
    only its own and does not stop the others.
    Returns how many e-mails were queued."""
    edition = Edition.objects.get(pk=edition_id)
    sent = 0
    for entry in _entries(edition):
        entry.edition = edition
        context = {"entry": entry, "edition": edition, **_links(entry, entry.language)}
        for person in entry.authority.members.all():
            _send(person, entry, edition, context)
            sent += 1
    return sent


def _send(person, entry, edition, context) -> None:
    with translation.override(entry.language):
        subject = translation.gettext(SUBJECT) % {"edition": edition.display_name}
    mail_send(
        to=person.email,
        language=entry.language,
        subject=subject,
        template="emails/results_published.txt",
        context={**context, "person": person},
    )
