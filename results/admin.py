"""News in the admin: the texts, the date and the photo's words can be changed; the photo
itself only through the secretariat's news pages, so every stored photo went through the
photo pipeline (docs/rules.md, rule 9). NewsItem.clean holds the other rules here too."""

from django.contrib import admin

from .models import NewsItem


@admin.register(NewsItem)
class NewsItemAdmin(admin.ModelAdmin):
    list_display = ["__str__", "published_on", "both_languages"]
    list_filter = ["both_languages"]
    search_fields = ["title_en", "title_fr"]
    date_hierarchy = "published_on"
    fields = [
        "published_on",
        "title_en",
        "text_en",
        "title_fr",
        "text_fr",
        "both_languages",
        "file",
        "photo_credit",
        "photo_alt_en",
        "photo_alt_fr",
    ]
    readonly_fields = ["file"]
