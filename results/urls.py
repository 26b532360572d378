from django.urls import path  # noqa: F401  (the patterns come with the views moved here)

app_name = "results"
urlpatterns: list = []
