"""What the editions hold about a person (accounts.personal_data): the steps they took in
an edition's history and on its certificates, which the prize keeps as its record."""

from django.utils.translation import gettext as _

from accounts.personal_data import Holder, holder_register

from .models import Certificate, CertificateRun, EditionTransition


def export(user) -> dict:
    return {
        "edition_steps_you_took": [
            {"edition": step.edition.number, "at": step.at, "action": step.action}
            for step in EditionTransition.objects.filter(by=user).select_related("edition")
        ],
        "certificates_you_revoked": [
            {"number": certificate.number, "at": certificate.revoked_at}
            for certificate in Certificate.objects.filter(revoked_by=user)
        ],
        "certificate_runs_you_started": CertificateRun.objects.filter(requested_by=user).count(),
    }


def keeps(user) -> list[str]:
    if (
        EditionTransition.objects.filter(by=user).exists()
        or Certificate.objects.filter(revoked_by=user).exists()
    ):
        return [_("You took a step in the running of an edition.")]
    return []


def register() -> None:
    holder_register(Holder(name="editions", export=export, keeps=keeps))
