"""Pages of the site itself, knowing nothing of the prize."""

from django.http import HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.views.decorators.cache import cache_control


@cache_control(max_age=86400, public=True)
def favicon(request):
    """/favicon.ico, which browsers and feed readers ask for whatever the page says: the
    icon's static file (an .ico of the SVG icon that pages link to)."""
    return HttpResponsePermanentRedirect(static("img/favicon.ico"))
