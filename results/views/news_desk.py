"""The secretariat's news pages: the list, writing an item, changing or removing one."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import secretariat_only
from results import selectors, services
from results.forms import NewsForm
from results.models import NewsItem
from web.access import confirmed
from web.errors import add_errors


@secretariat_only
def news_list(request):
    items = selectors.news_for_secretariat()
    return render(request, "results/secretariat/news_list.html", {"items": items})


@secretariat_only
def news_new(request):
    form = NewsForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.news_create(
                by=request.user, photo=form.cleaned_data["photo"], **form.service_fields()
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The news item is published."))
            return redirect("results:secretariat_news_edit", pk=item.pk)
    return _form_page(request, form, item=None)


@secretariat_only
def news_edit(request, pk: int):
    item = get_object_or_404(NewsItem, pk=pk)
    form = NewsForm(
        request.POST or None,
        request.FILES or None,
        initial=NewsForm.initial_from(item),
        has_photo=bool(item.file),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.news_update(
                news_id=item.pk,
                by=request.user,
                photo=form.cleaned_data["photo"],
                remove_photo=form.cleaned_data.get("remove_photo", False),
                **form.service_fields(),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The news item is saved."))
            return redirect("results:secretariat_news_edit", pk=item.pk)
    return _form_page(request, form, item=item)


def _form_page(request, form, *, item):
    return render(
        request,
        "results/secretariat/news_form.html",
        {"form": form, "item": item},
        status=400 if form.errors else 200,
    )


@require_POST
@secretariat_only
def news_delete(request, pk: int):
    item = get_object_or_404(NewsItem, pk=pk)
    if not confirmed(request):
        messages.error(request, _("Tick the box to confirm that the item is to be removed."))
        return redirect("results:secretariat_news_edit", pk=item.pk)
    services.news_delete(news_id=item.pk, by=request.user)
    messages.success(request, _("The news item was removed."))
    return redirect("results:secretariat_news")
