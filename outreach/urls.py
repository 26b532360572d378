from django.urls import path

from . import views

app_name = "outreach"
urlpatterns = [
    path("announcements/opt-out/<str:token>/", views.opt_out, name="opt_out"),
    path("announcements/opt-out/<str:token>/one-click/", views.one_click, name="one_click"),
]
