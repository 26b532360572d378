from django.contrib import admin

from .models import Authority, Entry, Photo


class PhotoInline(admin.TabularInline):
    model = Photo
    extra = 0


@admin.register(Authority)
class AuthorityAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "country"]
    list_filter = ["kind", "country"]
    search_fields = ["name"]


@admin.register(Entry)
class EntryAdmin(admin.ModelAdmin):
    list_display = ["ref", "authority", "edition", "state"]
    list_filter = ["edition", "state"]
    search_fields = ["ref", "authority__name"]
    list_select_related = ["authority", "edition"]
    readonly_fields = ["state"]
    inlines = [PhotoInline]
