from django.urls import path

from .views import landing

app_name = "results"
urlpatterns = [
    # Where every login lands (settings.LOGIN_REDIRECT_URL): it sends each person on.
    path("start/", landing.start, name="start"),
    path("to-do/", landing.todo, name="todo"),
    path("secretariat/", landing.secretariat, name="secretariat"),
]
