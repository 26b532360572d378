from django.urls import path

from .views import authority, entries, files, secretariat

app_name = "submissions"
urlpatterns = [
    path("take-part/", authority.start, name="start"),
    path("authorities/new/", authority.authority_new, name="authority_new"),
    path("authorities/<int:pk>/", authority.authority_detail, name="authority"),
    path("authorities/<int:pk>/edit/", authority.authority_edit, name="authority_edit"),
    path("authorities/<int:pk>/invite/", authority.authority_invite, name="authority_invite"),
    path("authorities/<int:pk>/entries/new/", authority.entry_new, name="entry_new"),
    path("join/<slug:token>/", authority.join, name="join"),  # token_urlsafe
    path("entries/<slug:ref>/", entries.entry_detail, name="entry"),
    path("entries/<slug:ref>/edit/", entries.entry_edit, name="entry_edit"),
    path("entries/<slug:ref>/withdraw/", entries.entry_withdraw, name="entry_withdraw"),
    path("entries/<slug:ref>/receipt.pdf", entries.entry_receipt, name="entry_receipt"),
    path("files/photos/<int:pk>/<str:size>/", files.photo_file, name="photo_file"),
    path("files/attachments/<int:pk>/", files.attachment_file, name="attachment_file"),
    path(
        "secretariat/editions/<int:number>/entries/",
        secretariat.screening,
        name="secretariat_screening",
    ),
    path("secretariat/entries/<slug:ref>/", secretariat.screen_entry, name="screen_entry"),
    path("secretariat/authorities/", secretariat.authorities, name="secretariat_authorities"),
    path(
        "secretariat/authorities/<int:pk>/verify/",
        secretariat.authority_verify,
        name="authority_verify",
    ),
]
