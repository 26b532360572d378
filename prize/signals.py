"""Publication listens to the lower layers instead of them calling up into it: when an
authority's details change, the certificates that print them are reissued; when anything
the public pages show changes, their cached copies are dropped."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from jury.models import Decision, Result
from submissions.models import Authority, Entry, Photo

from .models import Certificate, Criterion, Edition
from .public_cache import public_pages_changed
from .services.certificates import certificates_refresh_for_authority

# What the home, archive, edition and laureate pages show.
PUBLIC_MODELS = (Edition, Criterion, Certificate, Authority, Entry, Photo, Decision, Result)


@receiver(post_save, sender=Authority, dispatch_uid="prize.certificates.authority_saved")
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
            dispatch_uid=f"prize.public_cache.{_model.__name__}.{_signal is post_save}",
        )
