"""Certificates: public verification, the authority's downloads, the secretariat's
generation, progress, revocation and ZIP of an edition."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language_from_request, ngettext, override
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import secretariat_only
from accounts.rules import is_secretariat
from prize.models import Edition
from results import certificate_selectors as selectors
from results import confirm_selectors, services
from results.certificate_files import certificates_zip, verify_url
from results.forms import RevokeForm
from results.rules import can_download_certificate
from web.access import confirmed, refuse_unconfirmed
from web.errors import add_errors
from web.files import PDF, serve


def short(request, number: str):
    """The short URL printed on certificates and in their QR code: on to the
    verification page in the visitor's language."""
    with override(get_language_from_request(request)):
        return redirect("results:certificate", number=number)


def verify(request, number: str):
    certificate = selectors.for_verification(number)
    if certificate is None:
        return render(
            request, "results/certificate_unknown.html", {"number": number[:40]}, status=404
        )
    facts = certificate.facts
    return render(
        request,
        "results/certificate.html",
        {
            "certificate": certificate,
            "facts": facts,
            "short_url": verify_url(certificate.number),
            "can_download": can_download_certificate(certificate, request.user),
            "can_revoke": is_secretariat(request.user) and certificate.is_valid,
        },
    )


def pdf(request, number: str):
    certificate = selectors.for_verification(number)
    if certificate is None or not certificate.file:
        raise Http404
    if not can_download_certificate(certificate, request.user):
        raise Http404
    return serve(
        certificate.file, content_type=PDF, public=False, filename=f"{certificate.number}.pdf"
    )


@login_required
def mine(request):
    return render(
        request, "results/my_certificates.html", {"certificates": selectors.of_user(request.user)}
    )


@secretariat_only
def revoke(request, number: str):
    """GET: the page that asks first (what revoking does, what looks wrong, the reason);
    POST: revoke, only with the reason and the explicit confirmation."""
    certificate = selectors.for_verification(number)
    if certificate is None:
        raise Http404
    form = RevokeForm(request.POST or None)
    if request.method == "POST":
        if not confirmed(request):
            return refuse_unconfirmed(request, "results:certificate_revoke", number=number)
        if form.is_valid():
            try:
                revoked = services.certificate_revoke(
                    number=number, by=request.user, reason=form.cleaned_data["reason"]
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(
                    request, _("Certificate %(number)s is revoked.") % {"number": number}
                )
                return redirect("results:certificate", number=revoked.number)
    context = {
        "form": form,
        # What was typed comes back to correct, but a NUL byte has no place in a page.
        "typed_reason": request.POST.get("reason", "").replace("\x00", ""),
        "certificate": certificate,
        "step": confirm_selectors.revoke_step(certificate=certificate),
        "problems": [] if certificate.is_valid else [_("This certificate is no longer valid.")],
        "form_action": reverse("results:certificate_revoke", args=[certificate.number]),
        "cancel_url": reverse("results:certificate", args=[certificate.number]),
        "button": _("Revoke the certificate"),
    }
    # A refusal shows the page again with what was typed and why (400).
    status = 400 if form.errors else 200
    return render(request, "results/certificate_revoke.html", context, status=status)


def _run_json(run) -> dict:
    if run is None:
        return {"state": None}
    return {
        "state": run.state,
        "state_label": run.get_state_display(),
        "done": run.done,
        "total": run.total,
        "percent": run.percent,
        "error": run.error,
    }


@secretariat_only
def edition_certificates(request, number: int):
    edition = get_object_or_404(Edition, number=number)
    services.certificate_runs_fail_stalled(edition_id=edition.pk)
    run = selectors.latest_run(edition)
    return render(
        request,
        "results/secretariat/certificates.html",
        {
            "edition": edition,
            "run": run,
            "certificates": selectors.of_edition(edition),
            "progress_url": reverse("results:secretariat_certificates_progress", args=[number]),
        },
    )


@secretariat_only
def edition_certificates_progress(request, number: int):
    edition = get_object_or_404(Edition, number=number)
    services.certificate_runs_fail_stalled(edition_id=edition.pk)
    response = JsonResponse(_run_json(selectors.latest_run(edition)))
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@secretariat_only
def edition_certificates_generate(request, number: int):
    edition = get_object_or_404(Edition, number=number)
    try:
        run = services.certificates_request(edition_id=edition.pk, by=request.user)
    except (ValidationError, PermissionDenied) as error:
        for message in getattr(error, "messages", [str(error)]):
            messages.error(request, message)
    else:
        if run.total:
            messages.success(
                request,
                ngettext(
                    "%(count)d certificate is being generated.",
                    "%(count)d certificates are being generated.",
                    run.total,
                )
                % {"count": run.total},
            )
        else:
            messages.success(request, _("Every certificate is up to date."))
    return redirect("results:secretariat_certificates", number=number)


@secretariat_only
def edition_certificates_zip(request, number: int):
    edition = get_object_or_404(Edition, number=number)
    return FileResponse(
        certificates_zip(selectors.valid_files(edition)),
        as_attachment=True,
        filename=f"certificates-edition-{edition.number}.zip",
        content_type="application/zip",
    )
