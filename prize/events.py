"""What happens to an edition that the apps above prize act upon, without prize importing
them: Django signals, sent by the edition services once the change is committed (so no
receiver acts on a change that was rolled back, whichever path made it: the secretariat's
pages, the admin, a command or the service called directly).

- `call_opened(sender=Edition, edition_id=)`: the edition is now open for entries
  (opened, or reopened after screening).
- `deadline_moved(sender=Edition, edition_id=, old=, new=, reason=, by_id=)`: the
  submission deadline of an open call changed; `old` and `new` are aware datetimes (`old`
  may be None), `reason` is the secretariat's sentence for the authorities."""

from django.dispatch import Signal

call_opened = Signal()
deadline_moved = Signal()
