from django.urls import path

from .views import about

app_name = "prize"
urlpatterns = [
    path("privacy/", about.privacy, name="privacy"),
    path("contact/", about.contact, name="contact"),
]
