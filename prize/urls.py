from django.urls import path

from .views import public, secretariat

app_name = "prize"
urlpatterns = [
    path("", public.home, name="home"),
    path("editions/", public.archive, name="archive"),
    path("editions/<int:number>/", public.edition, name="edition"),
    path("editions/<int:number>/<slug:ref>/", public.laureate, name="laureate"),
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
]
