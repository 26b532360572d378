from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.i18n import set_language

from accounts import views as account_views
from alliance.sitemaps import AllianceSitemap
from prize.sitemaps import SITEMAPS
from prize.views import certificates as certificate_views
from prize.views import health as health_views
from prize.views import public as public_views
from results.sitemaps import NewsSitemap
from web import views as web_views

urlpatterns = [
    path("i18n/setlang/", set_language, name="set_language"),
    # The short address printed on certificates and in their QR code.
    path("c/<str:number>", certificate_views.short, name="certificate_short"),
    path("api/", include("prize.api_urls")),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": {**SITEMAPS, "alliance": AllianceSitemap, "news": NewsSitemap}},
        name="sitemap",
    ),
    path("robots.txt", public_views.robots_txt, name="robots_txt"),
    path("favicon.ico", web_views.favicon, name="favicon"),
    path("health/", health_views.health, name="health"),
    path("ready/", health_views.ready, name="ready"),
]
# The public site first: its pages are the most requested, and every pattern tried
# before the right one costs each request (no two of these patterns overlap).
urlpatterns += i18n_patterns(
    path("", include("prize.urls")),
    path("", include("results.urls")),
    # The admin's own login, answering 429 while logging in is paused (accounts.views).
    path("admin/login/", account_views.admin_login, name="admin_login"),
    path("admin/", admin.site.urls),
    path("accounts/", include("accounts.urls")),
    path("", include("submissions.urls")),
    path("jury/", include("jury.urls")),
    path("", include("alliance.urls")),
)

# A database outage gets a 503 "temporarily unavailable" page, not the 500 page.
handler500 = "web.errors.server_error"
