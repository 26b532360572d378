from django.urls import path

from .views import members, public, secretariat

app_name = "alliance"
urlpatterns = [
    path("alliance/", public.participants, name="list"),
    path("alliance/<slug:slug>/", public.profile, name="profile"),
    path("authorities/<int:pk>/alliance/", members.mine, name="mine"),
    path("authorities/<int:pk>/alliance/profile/", members.profile_edit, name="profile_edit"),
    path("authorities/<int:pk>/alliance/letter.pdf", members.letter, name="letter"),
    path("secretariat/alliance/", secretariat.requests, name="requests"),
    path("secretariat/alliance/import/", secretariat.participants_import, name="import"),
    path("secretariat/alliance/<int:pk>/", secretariat.review, name="review"),
    path("secretariat/alliance/<int:pk>/charter/", secretariat.charter, name="charter"),
]
