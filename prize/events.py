"""What happens to an edition that the apps above prize act upon, without prize importing
them: Django signals sent by the edition services (prize.services and
results.services.lifecycle), whichever path made the change: the secretariat's pages, the
admin, a command or the service called directly.

- `edition_updated(sender=Edition, edition=, by=)`: the settings were saved, sent inside
  the transaction (results reissues the certificates whose facts changed).
- `call_opened(sender=Edition, edition_id=)`: once committed, the edition is now open for
  entries (opened, or reopened after screening).
- `deadline_moved(sender=Edition, edition_id=, old=, new=, reason=, by_id=)`: once
  committed, the submission deadline of an open call changed; `old` and `new` are aware
  datetimes (`old` may be None), `reason` is the secretariat's sentence for the
  authorities."""

from django.dispatch import Signal

edition_updated = Signal()
call_opened = Signal()
deadline_moved = Signal()
