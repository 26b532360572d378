"""Every write about editions and their settings goes through here. Their lifecycle and
publication are `results.services`."""

from .editions import EDITABLE_FIELDS, edition_create, edition_update

__all__ = ["EDITABLE_FIELDS", "edition_create", "edition_update"]
