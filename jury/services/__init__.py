"""Every write about the jury: seats, terms, conflicts, assignments, scores, decisions."""

from .conflicts import (
    assignments_create,
    conflict_decide,
    conflict_declare,
    conflicts_flag,
    shared_mail_domains,
)
from .decisions import decision_approve, decision_record, digest, inputs_snapshot, is_frozen
from .jurors import (
    juror_accept_terms,
    juror_add,
    juror_invite,
    juror_ref,
    reminders_send,
)
from .scoring import ScoresSaved, assignment_transition, score_rule, scores_save
from .shortlist import shortlist_current, shortlist_record

__all__ = [
    "ScoresSaved",
    "assignment_transition",
    "assignments_create",
    "conflict_decide",
    "conflict_declare",
    "conflicts_flag",
    "decision_approve",
    "decision_record",
    "digest",
    "inputs_snapshot",
    "is_frozen",
    "juror_accept_terms",
    "juror_add",
    "juror_invite",
    "juror_ref",
    "reminders_send",
    "score_rule",
    "scores_save",
    "shared_mail_domains",
    "shortlist_current",
    "shortlist_record",
]
