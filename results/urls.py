from django.urls import path

from .feeds import NewsAtomFeed, NewsFeed, ResultsAtomFeed, ResultsFeed
from .views import certificates, confirm, landing, news, news_desk, public, secretariat, statistics

app_name = "results"
urlpatterns = [
    path("", public.home, name="home"),
    path("editions/", public.archive, name="archive"),
    path("editions/<int:number>/", public.edition, name="edition"),
    path("editions/<int:number>/<slug:ref>/", public.laureate, name="laureate"),
    path("feeds/results.rss", ResultsFeed(), name="results_rss"),
    path("feeds/results.atom", ResultsAtomFeed(), name="results_atom"),
    path("certificates/", certificates.mine, name="my_certificates"),
    path("certificates/<str:number>/", certificates.verify, name="certificate"),
    path("certificates/<str:number>/pdf/", certificates.pdf, name="certificate_pdf"),
    path("certificates/<str:number>/revoke/", certificates.revoke, name="certificate_revoke"),
    # Where every login lands (settings.LOGIN_REDIRECT_URL): it sends each person on.
    path("start/", landing.start, name="start"),
    path("to-do/", landing.todo, name="todo"),
    path("secretariat/", landing.secretariat, name="secretariat"),
    path("secretariat/editions/new/", secretariat.edition_new, name="secretariat_edition_new"),
    path(
        "secretariat/editions/<int:number>/", secretariat.edition_detail, name="secretariat_edition"
    ),
    path(
        "secretariat/editions/<int:number>/transition/",
        secretariat.edition_transition,
        name="secretariat_edition_transition",
    ),
    path(
        "secretariat/editions/<int:number>/confirm/<slug:action>/",
        confirm.edition_confirm,
        name="secretariat_edition_confirm",
    ),
    path(
        "secretariat/editions/<int:number>/preview/",
        confirm.edition_preview,
        name="secretariat_edition_preview",
    ),
    path(
        "secretariat/editions/<int:number>/certificates/",
        certificates.edition_certificates,
        name="secretariat_certificates",
    ),
    path(
        "secretariat/editions/<int:number>/certificates/progress/",
        certificates.edition_certificates_progress,
        name="secretariat_certificates_progress",
    ),
    path(
        "secretariat/editions/<int:number>/certificates/generate/",
        certificates.edition_certificates_generate,
        name="secretariat_certificates_generate",
    ),
    path(
        "secretariat/editions/<int:number>/certificates.zip",
        certificates.edition_certificates_zip,
        name="secretariat_certificates_zip",
    ),
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
    path("news/", news.news_list, name="news"),
    path("news/<int:pk>/", news.news_item, name="news_item"),
    path("news/<int:pk>/photo/<str:size>/", news.news_photo, name="news_photo"),
    path("feeds/news.rss", NewsFeed(), name="news_rss"),
    path("feeds/news.atom", NewsAtomFeed(), name="news_atom"),
    path("secretariat/news/", news_desk.news_list, name="secretariat_news"),
    path("secretariat/news/new/", news_desk.news_new, name="secretariat_news_new"),
    path("secretariat/news/<int:pk>/", news_desk.news_edit, name="secretariat_news_edit"),
    path(
        "secretariat/news/<int:pk>/delete/", news_desk.news_delete, name="secretariat_news_delete"
    ),
]
