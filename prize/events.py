"""What the prize announces to the apps above it, which it may not import: they connect
receivers (results/signals.py)."""

from django.dispatch import Signal

# An edition's settings were saved by `services.edition_update`, inside its transaction.
# Arguments: edition, by.
edition_updated = Signal()
