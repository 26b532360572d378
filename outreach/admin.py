"""What was sent and who opted out, for the secretariat to look at: read-only, as the
services keep them (a notice deleted by hand would send a reminder again)."""

from django.contrib import admin

from prize.admin_readonly import ReadOnlyAdminMixin

from .models import Notice, OptOut


@admin.register(Notice)
class NoticeAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["edition", "authority", "kind", "sent_at"]
    list_filter = ["kind", "edition"]
    search_fields = ["authority__name"]


@admin.register(OptOut)
class OptOutAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["user", "at"]
    search_fields = ["user__email"]
