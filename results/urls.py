from django.urls import path

from .views import statistics

app_name = "results"
urlpatterns = [
    path("secretariat/statistics/", statistics.overview, name="statistics"),
    path("secretariat/statistics.csv", statistics.overview_csv, name="statistics_csv"),
    path(
        "secretariat/editions/<int:number>/statistics/",
        statistics.edition,
        name="edition_statistics",
    ),
    path(
        "secretariat/editions/<int:number>/statistics.csv",
        statistics.edition_csv,
        name="edition_statistics_csv",
    ),
    path(
        "secretariat/editions/<int:number>/statistics.pdf",
        statistics.edition_pdf,
        name="edition_statistics_pdf",
    ),
    path(
        "secretariat/editions/<int:number>/entries.csv",
        statistics.entries_csv,
        name="edition_entries_csv",
    ),
]
