"""What publication holds about a person (accounts.personal_data): the certificates they
revoked and the renderings they started, which the prize keeps as its record."""

from django.utils.translation import gettext as _

from accounts.personal_data import Holder, holder_register

from .models import Certificate, CertificateRun


def export(user) -> dict:
    return {
        "certificates_you_revoked": [
            {"number": certificate.number, "at": certificate.revoked_at}
            for certificate in Certificate.objects.filter(revoked_by=user)
        ],
        "certificate_runs_you_started": CertificateRun.objects.filter(requested_by=user).count(),
    }


def keeps(user) -> list[str]:
    if Certificate.objects.filter(revoked_by=user).exists():
        return [_("You revoked a certificate, which stays on its record.")]
    return []


def register() -> None:
    holder_register(Holder(name="certificates", export=export, keeps=keeps))
