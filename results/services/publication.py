"""Publishing an edition's results: the step from deliberation to the public site."""

from django.db import transaction

from jury import selectors as jury_selectors
from prize.models import Edition
from results.models import CertificateRun
from submissions.enums import EntryState
from submissions.models import Entry
from submissions.services import entry_transition

from ..tasks import results_mail
from .certificates import certificates_plan, run_queue


def results_publish(*, edition: Edition, by) -> CertificateRun:
    """Mark every ranked entry awarded or not awarded from the approved decision, issue
    the certificates (numbers now, PDFs by the worker), and after commit queue their
    rendering and the results e-mail. Called by `edition_transition("publish")` inside
    its transaction, while the edition is still in deliberation.

    Side effects: the entries' states and timelines; Certificate rows; one
    CertificateRun; after commit, two tasks.
    """
    places = {r.entry_id: r.place for r in jury_selectors.results(editions=[edition])}
    eligible = Entry.objects.filter(edition=edition, state=EntryState.ELIGIBLE)
    for entry_id in eligible.order_by("ref").values_list("pk", flat=True):
        laureate = places.get(entry_id, edition.places + 1) <= edition.places
        entry_transition(entry_id=entry_id, action="award" if laureate else "not_award", by=by)
    run = run_queue(edition=edition, by=by, pending=certificates_plan(edition_id=edition.pk))
    transaction.on_commit(lambda: results_mail.enqueue(edition.pk))
    return run
