"""Publication listens to the lower layers instead of them calling up into it: when an
authority's details or an edition's settings change, the certificates that print them are
reissued; when anything the public pages show changes, their cached copies are dropped."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from alliance.models import Participation
from jury.models import Decision, Result
from prize import events
from prize.models import Criterion, Edition
from submissions.models import Authority, Entry, Photo

from .models import Certificate, NewsItem
from .public_cache import public_pages_changed
from .services.certificates import (
    certificates_refresh_for_authority,
    certificates_refresh_for_edition,
)

# What the home, archive, edition, laureate and news pages show, and the Alliance's
# counter on every page: any save or delete (a service, the admin) renews their copies.
PUBLIC_MODELS = (
    Edition,
    Criterion,
    Certificate,
    Authority,
    Entry,
    Photo,
    Decision,
    Result,
    Participation,
    NewsItem,
)


@receiver(post_save, sender=Authority, dispatch_uid="results.certificates.authority_saved")
def authority_saved(sender, instance: Authority, created: bool, raw: bool = False, **kwargs):
    if created or raw:
        return
    transaction.on_commit(lambda: certificates_refresh_for_authority(authority_id=instance.pk))


def public_model_changed(sender, raw: bool = False, **kwargs):
    public_pages_changed()


for _model in PUBLIC_MODELS:
    for _signal in (post_save, post_delete):
        _signal.connect(
            public_model_changed,
            sender=_model,
            dispatch_uid=f"results.public_cache.{_model.__name__}.{_signal is post_save}",
        )


@receiver(events.edition_updated, dispatch_uid="results.certificates.edition_updated")
def edition_updated(sender, edition: Edition, by, **kwargs):
    certificates_refresh_for_edition(edition=edition, by=by)
