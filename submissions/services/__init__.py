"""Every write about authorities, entries and their files goes through these services."""

from .authorities import (
    authority_create,
    authority_invite,
    authority_member_add,
    authority_update,
    authority_verify,
    invitation_accept,
)
from .entries import (
    entry_actions,
    entry_create,
    entry_problems,
    entry_submit_missing,
    entry_transition,
    entry_update,
)
from .files import attachment_add, attachment_remove, photo_add, photo_remove, photo_update

__all__ = [
    "attachment_add",
    "attachment_remove",
    "authority_create",
    "authority_invite",
    "authority_member_add",
    "authority_update",
    "authority_verify",
    "entry_actions",
    "entry_create",
    "entry_problems",
    "entry_submit_missing",
    "entry_transition",
    "entry_update",
    "invitation_accept",
    "photo_add",
    "photo_remove",
    "photo_update",
]
