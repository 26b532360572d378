"""The jury's records are written by the services that take each step (conflict_decide,
scores_save, assignment_transition, shortlist_record, decision_record, decision_approve,
with four eyes and frozen scores), so the admin shows them read-only, to everyone. Only a juror's
details may be repaired here, and only before the jury starts scoring."""

from django.contrib import admin

from prize import rules as prize_rules
from prize.admin_readonly import ReadOnlyAdminMixin

from .models import (
    Assignment,
    AssignmentTransition,
    Conflict,
    Decision,
    Juror,
    Result,
    Score,
    ScoreChange,
    Shortlist,
)


@admin.register(Juror)
class JurorAdmin(admin.ModelAdmin):
    list_display = ["name", "edition", "role", "country"]
    list_filter = ["edition", "role"]
    list_select_related = ["edition"]
    readonly_fields = ["edition", "ref", "invited_at", "terms_accepted_at", "user"]

    def has_add_permission(self, request) -> bool:
        return False  # juror_add and juror_invite, on the jury's pages

    def has_change_permission(self, request, obj=None) -> bool:
        return _before_judging(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return _before_judging(obj) and super().has_delete_permission(request, obj)


def _before_judging(juror) -> bool:
    """`juror` is None on the list: no seat is at stake there."""
    return juror is None or prize_rules.before_judging(juror.edition)


@admin.register(Conflict)
class ConflictAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Jurors declare conflicts and the chair, another juror or the secretariat decides
    them on the jury's pages (jury.services), which check who may decide and keep the
    assignments in step. An edit here would do neither."""

    list_display = ["juror", "entry", "status", "created_at", "decided_at"]
    list_filter = ["status"]
    list_select_related = ["juror", "entry"]


class ScoreInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Score
    extra = 0


class ScoreChangeInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = ScoreChange
    extra = 0


class AssignmentTransitionInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = AssignmentTransition
    extra = 0


@admin.register(Assignment)
class AssignmentAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["juror", "entry", "state", "submitted_at"]
    list_filter = ["state", "juror__edition"]
    list_select_related = ["juror", "entry"]
    inlines = [ScoreInline, ScoreChangeInline, AssignmentTransitionInline]


class ResultInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Result
    extra = 0


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["edition", "source", "recorded_at", "approved_at"]
    list_select_related = ["edition"]
    inlines = [ResultInline]


@admin.register(Shortlist)
class ShortlistAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Recorded by the chair (jury.services.shortlist_record, which checks the ranking
    and asks for a reason) and used by the final round: shown here, never edited."""

    list_display = ["edition", "recorded_by", "recorded_at"]
    list_select_related = ["edition", "recorded_by"]
