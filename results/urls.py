from django.urls import path

from .feeds import NewsAtomFeed, NewsFeed
from .views import news, secretariat

app_name = "results"
urlpatterns = [
    path("news/", news.news_list, name="news"),
    path("news/<int:pk>/", news.news_item, name="news_item"),
    path("news/<int:pk>/photo/<str:size>/", news.news_photo, name="news_photo"),
    path("feeds/news.rss", NewsFeed(), name="news_rss"),
    path("feeds/news.atom", NewsAtomFeed(), name="news_atom"),
    path("secretariat/news/", secretariat.news_list, name="secretariat_news"),
    path("secretariat/news/new/", secretariat.news_new, name="secretariat_news_new"),
    path("secretariat/news/<int:pk>/", secretariat.news_edit, name="secretariat_news_edit"),
    path(
        "secretariat/news/<int:pk>/delete/", secretariat.news_delete, name="secretariat_news_delete"
    ),
]
