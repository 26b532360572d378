"""Publication listens to the lower layers instead of them calling up into it: when an
authority's details change, the certificates that print them are reissued."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from submissions.models import Authority

from .services.certificates import certificates_refresh_for_authority


@receiver(post_save, sender=Authority, dispatch_uid="prize.certificates.authority_saved")
def authority_saved(sender, instance: Authority, created: bool, raw: bool = False, **kwargs):
    if created or raw:
        return
    transaction.on_commit(lambda: certificates_refresh_for_authority(authority_id=instance.pk))
