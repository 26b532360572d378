"""Reads for the pages that ask before an irreversible step: what the step will do
(who gets an e-mail, what becomes public, which certificates are issued) and what looks
wrong before taking it. Nothing here writes."""

from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from jury import selectors as jury_selectors
from jury.confirm_selectors import (
    Confirmation,
    laureate_name,
    statement_warnings,
    uneven_warnings,
)
from prize import rules
from prize.enums import EditionState
from prize.models import Edition
from prize.texts import place_label
from results.enums import CertificateKind
from results.models import Certificate
from submissions.enums import EntryState
from submissions.models import Entry, Photo
from submissions.rules import photo_consented

from .selectors import PlaceGroup, PublicPhoto, place_groups, public_photos

CONFIRM_ACTIONS = rules.CONFIRM_ACTIONS


def edition_step(*, edition: Edition, action: str) -> Confirmation:
    return _STEPS[action](edition)


def _withdraw_call(edition: Edition) -> Confirmation:
    started = Entry.objects.filter(edition=edition).count()
    warnings = []
    if started:
        warnings.append(
            ngettext(
                "%(count)d entry was already started or submitted: its authority is not "
                "told and cannot submit until the call is opened again.",
                "%(count)d entries were already started or submitted: their authorities are "
                "not told and cannot submit until the call is opened again.",
                started,
            )
            % {"count": started}
        )
    return Confirmation(
        consequences=[
            _("The edition goes back to draft: its call for entries leaves the public site."),
            _("No authority can start or submit an entry until the call is opened again."),
            _("Nobody gets an e-mail."),
        ],
        warnings=warnings,
    )


def _start_deliberation(edition: Edition) -> Confirmation:
    chair = (
        _(
            "The chair sees the first round's computed ranking and records the shortlist "
            "for the final round."
        )
        if rules.shortlist_pending(edition)
        else _("The chair sees the computed ranking and records the jury's decision.")
    )
    return Confirmation(
        consequences=[
            _("The scores are locked: no juror can change or submit a score sheet any more."),
            chair,
            _("Nobody gets an e-mail."),
        ],
        warnings=uneven_warnings(edition=edition),
    )


def _start_final_round(edition: Edition) -> Confirmation:
    shortlist = jury_selectors.shortlist(edition=edition)
    entries = sorted(shortlist.entries.all(), key=lambda e: e.ref) if shortlist else []
    left_out = (
        Entry.objects.filter(edition=edition, state=EntryState.ELIGIBLE)
        .exclude(pk__in=[e.pk for e in entries])
        .count()
    )
    names = "; ".join(f"{e.authority.display_name} ({e.ref})" for e in entries)
    consequences = [
        ngettext(
            "This entry goes to the final round: %(names)s.",
            "These %(count)d entries go to the final round: %(names)s.",
            len(entries),
        )
        % {"count": len(entries), "names": names},
        _(
            "Every juror without a conflict gets a fresh score sheet for each shortlisted "
            "entry; the first round's sheets stay on record, locked, and count no more."
        ),
        ngettext(
            "%(count)d eligible entry was not shortlisted: it is not scored again and "
            "gets no place.",
            "%(count)d eligible entries were not shortlisted: they are not scored again "
            "and get no place.",
            left_out,
        )
        % {"count": left_out},
        _("The shortlist can no longer change. Nobody gets an e-mail."),
    ]
    warnings = []
    if shortlist and shortlist.reason:
        warnings.append(
            _("The shortlist departs from the computed proposal: %(reason)s")
            % {"reason": shortlist.reason}
        )
    return Confirmation(consequences=consequences, warnings=warnings)


def _publish(edition: Edition) -> Confirmation:
    preview = publication_preview(edition=edition)
    laureates = [item.result for item in preview.items]
    mailed = _mailed(edition)
    consequences = [
        ngettext(
            "%(count)d authority gets an e-mail in the language of its entry "
            "(%(people)d people in all).",
            "%(count)d authorities get an e-mail in the language of their entry "
            "(%(people)d people in all).",
            mailed["authorities"],
        )
        % {"count": mailed["authorities"], "people": mailed["people"]},
        _("The results page of the edition becomes public."),
    ]
    if laureates:
        consequences.append(
            ngettext(
                "The laureate page of this entry becomes public: %(names)s.",
                "The laureate pages of these %(count)d entries become public: %(names)s.",
                len(laureates),
            )
            % {"count": len(laureates), "names": "; ".join(laureate_name(r) for r in laureates)}
        )
    consequences += _certificates_consequence(edition)
    consequences.append(_("The results cannot be unpublished."))
    return Confirmation(consequences=consequences, warnings=publish_warnings(edition, preview))


def _mailed(edition: Edition) -> dict:
    """Those the results e-mail reaches: every member of every authority whose entry is
    still in the running or was found ineligible (results.mails.results_mail)."""
    entries = Entry.objects.filter(
        edition=edition, state__in=(EntryState.ELIGIBLE, EntryState.INELIGIBLE)
    )
    authorities = set(entries.values_list("authority_id", flat=True))
    people = (
        entries.values("authority__members").filter(authority__members__isnull=False).distinct()
    )
    return {"authorities": len(authorities), "people": people.count()}


def _certificates_consequence(edition: Edition) -> list[str]:
    """The certificates publication will issue: laureates always, the other ranked
    entries when the edition gives participation certificates."""
    places = {r.entry_id: r.place for r in jury_selectors.results(editions=[edition])}
    ranked = Entry.objects.filter(edition=edition, state=EntryState.ELIGIBLE)
    laureates = sum(
        1 for pk in ranked.values_list("pk", flat=True) if _laureate(places, pk, edition)
    )
    others = ranked.count() - laureates if edition.participation_certificates else 0
    total = laureates + others
    if not total:
        return [_("No certificate is issued.")]
    return [
        ngettext(
            "%(count)d certificate is issued, numbered DC%(edition)d-…: %(laureates)d for "
            "laureates, %(others)d for participation.",
            "%(count)d certificates are issued, numbered DC%(edition)d-…: %(laureates)d for "
            "laureates, %(others)d for participation.",
            total,
        )
        % {"count": total, "edition": edition.number, "laureates": laureates, "others": others}
    ]


def _laureate(places: dict, entry_id: int, edition: Edition) -> bool:
    return places.get(entry_id, edition.places + 1) <= edition.places


def publish_warnings(edition: Edition, preview: "Preview | None" = None) -> list[str]:
    preview = preview or publication_preview(edition=edition)
    warnings = []
    if not jury_selectors.has_decision(edition=edition):
        warnings.append(_("The jury's decision has not been recorded and approved yet."))
    if edition.ceremony_date is None:
        warnings.append(_("No ceremony date: the results page and the certificates show none."))
    if preview.items and not any(s.get("name") for s in edition.signatories or []):
        warnings.append(_("No signatories: the certificates will carry no signature."))
    warnings += statement_warnings(laureates=[item.result for item in preview.items])
    return warnings


_STEPS = {
    "withdraw_call": _withdraw_call,
    "start_deliberation": _start_deliberation,
    "start_final_round": _start_final_round,
    "publish": _publish,
}


# --- The preview of the public edition page ----------------------------------------------


@dataclass(frozen=True)
class PreviewItem:
    result: object
    photos: list[PublicPhoto]

    @property
    def label(self) -> str:
        return place_label(self.result.place, self.result.ex_aequo)


@dataclass(frozen=True)
class Preview:
    groups: list[PlaceGroup]
    items: list[PreviewItem]


def publication_preview(*, edition: Edition) -> Preview:
    """The edition's laureates as its public page will show them once published: the
    recorded decision's places (ex aequo included), statements, and the photos whose
    authority and people consented. Reads only; publishes nothing. Three queries."""
    if edition.state != EditionState.DELIBERATION:
        return Preview([], [])
    photos = Prefetch(
        "entry__photos",
        queryset=Photo.objects.order_by("order", "pk"),  # photo_consented picks the shown
    )
    results = [
        r
        for r in jury_selectors.results(editions=[edition]).prefetch_related(photos)
        if r.place <= edition.places
    ]
    items = [PreviewItem(r, public_photos(r.entry, shown_if=photo_consented)) for r in results]
    return Preview(place_groups(results), items)


# --- Revoking a certificate --------------------------------------------------------------


def revoke_step(*, certificate: Certificate) -> Confirmation:
    entry = certificate.entry
    consequences = [
        _(
            "The verification page of certificate %(number)s says it is revoked, with the "
            "date and your reason, to anyone who checks it."
        )
        % {"number": certificate.number},
        _("This cannot be undone."),
        _("Nobody gets an e-mail."),
    ]
    warnings = []
    if certificate.kind == CertificateKind.LAUREATE:
        warnings.append(
            _(
                "This is the laureate certificate of %(authority)s: the public results do "
                "not change."
            )
            % {"authority": entry.authority.display_name}
        )
    # One valid certificate per entry and kind (a unique index): none is left.
    warnings.append(
        _("%(authority)s will have no valid certificate of this kind for %(ref)s.")
        % {"authority": entry.authority.display_name, "ref": entry.ref}
    )
    return Confirmation(consequences=consequences, warnings=warnings)
