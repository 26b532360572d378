from django.contrib import admin

from . import services
from .models import Conflict, Decision, Juror, Result


@admin.register(Juror)
class JurorAdmin(admin.ModelAdmin):
    list_display = ["name", "edition", "role", "country"]
    list_filter = ["edition", "role"]

    def save_model(self, request, obj, form, change):
        """A juror added here is seated by the same service as an invited one, so once
        judging has begun their likely conflicts are flagged and their entries given."""
        if change:
            super().save_model(request, obj, form, change)
            return
        fields = ("ref", "name", "email", "country", "role", "user", "organisation")
        seated = services.juror_add(
            edition=obj.edition, **{name: getattr(obj, name) for name in fields}
        )
        obj.pk, obj._state.adding = seated.pk, False


@admin.register(Conflict)
class ConflictAdmin(admin.ModelAdmin):
    """Read-only: jurors declare conflicts and the chair, another juror or the
    secretariat decides them on the jury's pages (jury.services), which check who may
    decide and keep the assignments in step. An edit here would do neither."""

    list_display = ["juror", "entry", "status", "reason"]
    list_filter = ["status"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ResultInline(admin.TabularInline):
    model = Result
    extra = 0


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ["edition", "source", "recorded_at"]
    inlines = [ResultInline]
