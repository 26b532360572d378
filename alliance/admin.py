"""The admin shows everything and changes states never: the lifecycle belongs to
`participation_transition`, so the state, the dates it sets and the log are read-only."""

from django.contrib import admin

from .models import Participation, ParticipationTransition, Profile


class TransitionInline(admin.TabularInline):
    model = ParticipationTransition
    extra = 0
    can_delete = False
    fields = ["at", "action", "source", "target", "by", "note"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Participation)
class ParticipationAdmin(admin.ModelAdmin):
    list_display = ["authority", "state", "requested_at", "accepted_on", "charter_signed_on"]
    list_filter = ["state", "authority__country", "authority__kind"]
    search_fields = ["authority__name", "slug"]
    list_select_related = ["authority"]
    readonly_fields = [
        "authority",
        "state",
        "letter",
        "requested_at",
        "accepted_on",
        "ended_on",
        "charter_signed_on",
        "reason",
    ]
    inlines = [TransitionInline]


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["authority", "language", "updated_at"]
    search_fields = ["authority__name"]
    readonly_fields = ["authority", "updated_at", "updated_by"]
