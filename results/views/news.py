"""The public news: the list (paginated, newest first, in the page's language), a page
per item and its photo."""

from django.core.paginator import EmptyPage, Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language, gettext

from results import selectors
from results.public_cache import cached_public_page
from web import richtext
from web.files import SIZES, serve_photo
from web.links import absolute
from web.pages import PageMeta

NEWS_PER_PAGE = 10


def _language() -> str:
    return (get_language() or "en")[:2]


@cached_public_page
def news_list(request):
    page = _page(request, selectors.news_listed(_language()))
    path = reverse("results:news")
    if page.number > 1:
        path += f"?page={page.number}"
    meta = PageMeta(
        canonical=absolute(path),
        title=gettext("News"),
        description=gettext(
            "News of the Dosta!-Congress Prize for Municipalities: calls, juries, "
            "ceremonies and laureates."
        ),
    )
    return render(request, "results/news_list.html", {"page": page, "meta": meta})


def _page(request, items):
    """The asked page; a page "number" that is not one shows the first; one past the end
    is not found, as a removed page would be (the first page always exists)."""
    number = request.GET.get("page", "")
    if not (number.isascii() and number.isdigit()) or len(number) > 6:
        number = "1"
    paginator = Paginator(items, NEWS_PER_PAGE, allow_empty_first_page=True)
    try:
        return paginator.page(int(number))
    except EmptyPage:
        raise Http404("No such page") from None


@cached_public_page
def news_item(request, pk: int):
    item = selectors.news_item(pk, _language())
    title, text, alt = item.title, item.text, item.alt
    meta = PageMeta(
        canonical=absolute(item.get_absolute_url()),
        title=title.text,
        description=richtext.to_plain(text.text, limit=200) or title.text,
        kind="article",
        image=absolute(reverse("results:news_photo", kwargs={"pk": pk, "size": "large"}))
        if item.file
        else "",
        image_alt=alt.text if item.file else "",
    )
    context = {"item": item, "title": title, "text": text, "alt": alt, "meta": meta}
    return render(request, "results/news_item.html", context)


def news_photo(request, pk: int, size: str):
    if size not in SIZES:
        raise Http404("No such size")
    return serve_photo(selectors.news_photo(pk), size, public=True)
