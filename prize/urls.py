from django.urls import path

from .views import about, call

app_name = "prize"
urlpatterns = [
    path("editions/<int:number>/call.pdf", call.call_pdf_view, name="call_pdf"),
    path("privacy/", about.privacy, name="privacy"),
    path("contact/", about.contact, name="contact"),
]
