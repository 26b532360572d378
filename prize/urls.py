from django.urls import path

from .feeds import ResultsAtomFeed, ResultsFeed
from .views import about, call, certificates, confirm, public, secretariat

app_name = "prize"
urlpatterns = [
    path("", public.home, name="home"),
    path("editions/", public.archive, name="archive"),
    path("editions/<int:number>/", public.edition, name="edition"),
    path("editions/<int:number>/call.pdf", call.call_pdf_view, name="call_pdf"),
    path("editions/<int:number>/<slug:ref>/", public.laureate, name="laureate"),
    path("privacy/", about.privacy, name="privacy"),
    path("contact/", about.contact, name="contact"),
    path("feeds/results.rss", ResultsFeed(), name="results_rss"),
    path("feeds/results.atom", ResultsAtomFeed(), name="results_atom"),
    path("certificates/", certificates.mine, name="my_certificates"),
    path("certificates/<str:number>/", certificates.verify, name="certificate"),
    path("certificates/<str:number>/pdf/", certificates.pdf, name="certificate_pdf"),
    path("certificates/<str:number>/revoke/", certificates.revoke, name="certificate_revoke"),
    path("secretariat/", secretariat.dashboard, name="secretariat"),
    path("secretariat/editions/new/", secretariat.edition_new, name="secretariat_edition_new"),
    path(
        "secretariat/editions/<int:number>/", secretariat.edition_detail, name="secretariat_edition"
    ),
    path(
        "secretariat/editions/<int:number>/transition/",
        secretariat.edition_transition,
        name="secretariat_edition_transition",
    ),
    path(
        "secretariat/editions/<int:number>/confirm/<slug:action>/",
        confirm.edition_confirm,
        name="secretariat_edition_confirm",
    ),
    path(
        "secretariat/editions/<int:number>/preview/",
        confirm.edition_preview,
        name="secretariat_edition_preview",
    ),
    path(
        "secretariat/editions/<int:number>/certificates/",
        certificates.edition_certificates,
        name="secretariat_certificates",
    ),
    path(
        "secretariat/editions/<int:number>/certificates/progress/",
        certificates.edition_certificates_progress,
        name="secretariat_certificates_progress",
    ),
    path(
        "secretariat/editions/<int:number>/certificates/generate/",
        certificates.edition_certificates_generate,
        name="secretariat_certificates_generate",
    ),
    path(
        "secretariat/editions/<int:number>/certificates.zip",
        certificates.edition_certificates_zip,
        name="secretariat_certificates_zip",
    ),
]
