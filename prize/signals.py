"""Publication listens to the lower layers instead of them calling up into it: when an
authority's details change, the certificates that print them are reissued."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from submissions.models import Authority

from .enums import PUBLIC_RESULT_STATES, CertificateStatus
from .models import Certificate
from .services import certificates_request


@receiver(post_save, sender=Authority, dispatch_uid="prize.certificates.authority_saved")
def authority_saved(sender, instance: Authority, created: bool, raw: bool = False, **kwargs):
    if created or raw:
        return
    editions = set(
        Certificate.objects.filter(
            entry__authority=instance,
            status=CertificateStatus.VALID,
            edition__state__in=PUBLIC_RESULT_STATES,
        ).values_list("edition_id", flat=True)
    )
    for edition_id in sorted(editions):
        transaction.on_commit(
            lambda edition_id=edition_id: certificates_request(edition_id=edition_id)
        )
