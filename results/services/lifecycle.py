"""An edition's lifecycle: the steps from draft to archive. It sits on top because the
steps read and drive the apps below: the entries awaiting screening, the jurors and their
conflicts, the decision, and publication."""

from dataclasses import replace

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import ConcurrentTransition

from jury import selectors as jury_selectors
from jury import services as jury_services
from prize import events, rules
from prize.enums import EditionState
from prize.models import Edition, EditionTransition
from submissions import selectors as submission_selectors

from .publication import results_publish


def edition_facts(*, edition: Edition) -> rules.EditionFacts:
    # The shortlist is read only while it matters: the first round's deliberation.
    shortlisting = rules.shortlist_pending(edition) and edition.state == EditionState.DELIBERATION
    return rules.EditionFacts(
        criteria=edition.criteria.count(),
        entries_awaiting_screening=submission_selectors.entries_awaiting_screening(edition=edition),
        eligible_entries=submission_selectors.entries_for_jury_count(edition=edition),
        jurors=jury_selectors.juror_count(edition=edition),
        has_decision=jury_selectors.has_decision(edition=edition),
        uneven_entries=tuple(jury_selectors.uneven_entries(edition=edition))
        if edition.state == EditionState.JUDGING
        else (),
        shortlisted=jury_selectors.shortlisted_count(edition=edition) if shortlisting else 0,
        shortlist_current=shortlisting and jury_services.shortlist_current(edition=edition),
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
    locking the scores, starting the final round of an edition with a shortlist,
    publishing) are refused unless `confirmed`, which only a page
    that said what would happen may pass (the admin's one-click buttons do not).

    Locking the scores (start_deliberation) while some entries have fewer submitted
    score sheets than others is refused, naming them, unless `confirm_uneven`.

    Side effects: the edition's state; one EditionTransition row, in the same transaction;
    the assignments of the entries to score when the jury starts, resumes or starts the
    final round (fresh sheets of the shortlisted entries, jury.services.
    assignments_create); once committed, when the call is now open, the signal
    `events.call_opened` (the outreach app announces the call).
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
        # And the waivers of deliberation; the final round gets fresh sheets.
        if action in ("start_judging", "reopen_judging", "start_final_round"):
            jury_services.assignments_create(edition=edition)
        if edition.state == EditionState.OPEN:
            transaction.on_commit(
                lambda: events.call_opened.send(sender=Edition, edition_id=edition_id)
            )
    return edition
