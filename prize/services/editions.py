"""Editions: creating them, their settings and their lifecycle."""

from dataclasses import replace

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import ConcurrentTransition

from jury import selectors as jury_selectors
from jury import services as jury_services
from submissions import selectors as submission_selectors

from .. import rules
from ..defaults import DEFAULT_CRITERIA, DEFAULT_MAX_SCORE, DEFAULT_WEIGHT
from ..enums import EditionState
from ..models import Certificate, Criterion, Edition, EditionTransition
from .certificates import certificates_request
from .publication import results_publish


def edition_facts(*, edition: Edition) -> rules.EditionFacts:
    return rules.EditionFacts(
        criteria=edition.criteria.count(),
        entries_awaiting_screening=submission_selectors.entries_awaiting_screening(edition=edition),
        eligible_entries=submission_selectors.entries_for_jury_count(edition=edition),
        jurors=jury_selectors.juror_count(edition=edition),
        has_decision=jury_selectors.has_decision(edition=edition),
        uneven_entries=tuple(jury_selectors.uneven_entries(edition=edition))
        if edition.state == EditionState.JUDGING
        else (),
    )


def edition_actions(*, edition: Edition, by) -> list[dict]:
    """The transitions `by` may take from the current state, each with the reasons (if
    any) it is refused right now, so pages can explain a disabled button."""
    facts = edition_facts(edition=edition)
    now = timezone.now()
    return [
        {
            "name": t.name,
            "label": t.custom.get("label", t.name),
            "problems": rules.edition_action_problems(edition, t.name, facts=facts, now=now),
        }
        for t in edition.get_available_user_state_transitions(by)
    ]


def edition_transition(
    *,
    edition_id: int,
    action: str,
    by,
    note: str = "",
    confirm_uneven: bool = False,
    confirmed: bool = False,
) -> Edition:
    """Move an edition through its lifecycle.

    The steps that cannot be taken back (rules.CONFIRM_ACTIONS: withdrawing the call,
    locking the scores, publishing) are refused unless `confirmed`, which only a page
    that said what would happen may pass (the admin's one-click buttons do not).

    Locking the scores (start_deliberation) while some entries have fewer submitted
    score sheets than others is refused, naming them, unless `confirm_uneven`.

    Side effects: the edition's state; one EditionTransition row, in the same transaction.
    Raises PermissionDenied for someone not allowed to act, ValidationError with the
    reasons when the action is not possible now.
    """
    with transaction.atomic():
        edition = Edition.objects.select_for_update().get(pk=edition_id)
        available = {t.name: t for t in edition.get_available_state_transitions()}
        if action not in available:
            raise ValidationError(
                _("“%(action)s” is not possible while the edition is “%(state)s”.")
                % {"action": action.replace("_", " "), "state": edition.get_state_display()}
            )
        if not available[action].has_perm(edition, by):
            raise PermissionDenied(_("Only the secretariat can change an edition's state."))
        if action in rules.CONFIRM_ACTIONS and not confirmed:
            raise ValidationError(
                _(
                    "This step cannot simply be taken back: take it from the edition's page, "
                    "which says what it will do and asks you to confirm."
                )
            )
        facts = replace(edition_facts(edition=edition), uneven_confirmed=confirm_uneven)
        problems = rules.edition_action_problems(edition, action, facts=facts, now=timezone.now())
        if problems:
            raise ValidationError(problems)
        source = edition.state
        if action == "publish":  # entries and certificates first, while still deliberating
            results_publish(edition=edition, by=by)
        getattr(edition, action)()
        try:
            edition.save()
        except ConcurrentTransition:
            raise ValidationError(
                _("Someone else changed this edition's state a moment ago. Reload the page.")
            ) from None
        EditionTransition.objects.create(
            edition=edition, action=action, source=source, target=edition.state, by=by, note=note
        )
        if action == "start_judging":  # likely conflicts first, so nobody gets those entries
            jury_services.conflicts_flag(edition=edition)
        if action in ("start_judging", "reopen_judging"):  # and the waivers of deliberation
            jury_services.assignments_create(edition=edition)
    return edition


def edition_create(*, by, number: int, name: dict, year: int, **fields) -> Edition:
    """Create a draft edition with the five published criteria.

    Side effects: one edition, five criteria, one transition-log row ("created").
    """
    if not rules.can_run_edition(None, by):
        raise PermissionDenied(_("Only the secretariat can create an edition."))
    if Edition.objects.filter(number=number).exists():
        raise ValidationError(
            {"number": _("Edition %(number)d already exists.") % {"number": number}}
        )
    edition = Edition(number=number, name=name, year=year, **fields)
    edition.full_clean(exclude=["state"])  # protected: only transitions set it
    with transaction.atomic():
        edition.save()
        Criterion.objects.bulk_create(
            Criterion(
                edition=edition,
                code=c["code"],
                name=c["name"],
                weight=DEFAULT_WEIGHT,
                max_score=DEFAULT_MAX_SCORE,
                order=i,
            )
            for i, c in enumerate(DEFAULT_CRITERIA)
        )
        EditionTransition.objects.create(
            edition=edition, action="create", source="", target=edition.state, by=by
        )
    return edition


EDITABLE_FIELDS = (
    "name",
    "year",
    "eligible_countries",
    "project_start",
    "project_end",
    "submission_deadline",
    "ceremony_date",
    "ceremony_place",
    "ceremony_occasion",
    "places",
    "place_numbering",
    "aggregation",
    "score_precision",
    "score_step",
    "jurors_per_entry",
    "tie_break",
    "signatories",
    "participation_certificates",
    "call_text_en",
    "call_text_fr",
)


def edition_update(*, edition_id: int, by, **fields) -> Edition:
    """Change an edition's settings (not its state). Side effects: the edition row."""
    if not rules.can_run_edition(None, by):
        raise PermissionDenied(_("Only the secretariat can change an edition."))
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    with transaction.atomic():
        edition = Edition.objects.select_for_update().get(pk=edition_id)
        for name, value in fields.items():
            setattr(edition, name, value)
        edition.full_clean(exclude=["state"])  # protected: only transitions set it
        codes = set(edition.criteria.values_list("code", flat=True))
        missing = [c for c in edition.tie_break or [] if c not in codes]
        if missing:
            raise ValidationError(
                {
                    "tie_break": _("Unknown criterion codes: %(codes)s.")
                    % {"codes": ", ".join(missing)}
                }
            )
        edition.save()
        if edition.results_public and (
            edition.participation_certificates
            or Certificate.objects.filter(edition=edition).exists()
        ):  # what the certificates say may have changed: reissue those that did
            certificates_request(edition_id=edition.pk, by=by)
    return edition
