"""News shows on public pages: any save or delete (a service, the admin) renews their
cached copies."""

from django.db.models.signals import post_delete, post_save

from prize.public_cache import public_pages_changed

from .models import NewsItem


def news_changed(sender, raw: bool = False, **kwargs):
    public_pages_changed()


for _signal in (post_save, post_delete):
    _signal.connect(
        news_changed, sender=NewsItem, dispatch_uid=f"results.news.{_signal is post_save}"
    )
