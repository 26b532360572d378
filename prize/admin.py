from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django_fsm.admin import FSMAdminMixin

from . import services
from .models import Certificate, Criterion, Edition, EditionTransition


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0


class EditionTransitionInline(admin.TabularInline):
    model = EditionTransition
    extra = 0
    can_delete = False
    readonly_fields = ["at", "action", "source", "target", "by", "note"]
    fields = readonly_fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Edition)
class EditionAdmin(FSMAdminMixin, admin.ModelAdmin):
    fsm_fields = ["state"]
    list_display = ["number", "display_name", "year", "state"]
    list_filter = ["state"]
    inlines = [CriterionInline, EditionTransitionInline]

    def _apply_fsm_transition(self, *, obj, transition_name, request, kwargs=None) -> bool:
        """The admin's transition buttons go through the same service as every other
        path, so the rules are checked and the transition is logged."""
        try:
            services.edition_transition(
                edition_id=obj.pk,
                action=transition_name,
                by=request.user,
                note=(kwargs or {}).get("note", "") or "via the admin",
            )
        except (ValidationError, PermissionDenied) as error:
            text = " ".join(getattr(error, "messages", [str(error)]))
            self.message_user(request, text or str(error), level=messages.ERROR)
            return False
        self.message_user(request, f"{obj} – {transition_name.replace('_', ' ')}: done.")
        return True

    def fsm_transition_view(self, request, object_id, transition_name, **kwargs):
        """An address naming no transition of the edition is a 404, not a 500."""
        transition = getattr(Edition, transition_name, None)
        if not hasattr(transition, "_django_fsm"):
            raise Http404(f"Editions have no step called “{transition_name}”.")
        return super().fsm_transition_view(request, object_id, transition_name, **kwargs)


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    """Read-only: certificates are issued, reissued and revoked by the services, so the
    verification page always tells the truth."""

    list_display = ["number", "edition", "entry", "kind", "status", "issued_at", "rendered_at"]
    list_filter = ["kind", "status", "edition"]
    search_fields = ["number", "entry__ref", "entry__authority__name"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
