from django.contrib import admin

from .models import Conflict, Decision, Juror, Result


@admin.register(Juror)
class JurorAdmin(admin.ModelAdmin):
    list_display = ["name", "edition", "role", "country"]
    list_filter = ["edition", "role"]


@admin.register(Conflict)
class ConflictAdmin(admin.ModelAdmin):
    list_display = ["juror", "entry", "reason"]


class ResultInline(admin.TabularInline):
    model = Result
    extra = 0


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ["edition", "source", "recorded_at"]
    inlines = [ResultInline]
