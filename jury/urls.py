from django.urls import path

from .views import approval, chair, juror

app_name = "jury"
urlpatterns = [
    path("", juror.seats, name="seats"),
    path("<int:number>/", juror.home, name="home"),
    path("<int:number>/entries/<slug:ref>/", juror.entry, name="entry"),
    path("<int:number>/entries/<slug:ref>/autosave/", juror.autosave, name="autosave"),
    path("<int:number>/entries/<slug:ref>/conflict/", juror.conflict, name="conflict"),
    path("<int:number>/files/photos/<int:pk>/<str:size>/", juror.photo_file, name="photo_file"),
    path("<int:number>/files/attachments/<int:pk>/", juror.attachment_file, name="attachment_file"),
    path("<int:number>/deliberation/", chair.deliberation, name="deliberation"),
    path("<int:number>/deliberation/remind/", chair.remind, name="remind"),
    path("<int:number>/deliberation/decide/", chair.decide, name="decide"),
    path("<int:number>/deliberation/approve/", approval.approve, name="approve"),
    path("<int:number>/deliberation/shortlist/", chair.shortlist, name="shortlist"),
    path(
        "<int:number>/deliberation/conflicts/<int:pk>/",
        chair.decide_conflict,
        name="decide_conflict",
    ),
    path("<int:number>/deliberation/reopen/", chair.reopen_sheet, name="reopen_sheet"),
    path("<int:number>/deliberation/reopen/<int:pk>/", chair.reopen, name="reopen"),
    path("<int:number>/secretariat/", chair.jury_admin, name="secretariat"),
    path("<int:number>/secretariat/exports/<str:kind>", chair.export, name="export"),
]
