"""Editions are looked at here and moved through their lifecycle by the transition
buttons, which call `edition_transition`. Their settings are changed on the secretariat's
edition page only, through `edition_update`, which checks them and reissues the
certificates that print them; the admin shows them read-only."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import BaseInlineFormSet
from django.http import Http404
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django_fsm.admin import FSMAdminMixin

from prize import rules
from prize.admin_readonly import ReadOnlyAdminMixin
from prize.models import Criterion, Edition, EditionTransition
from results.models import Certificate, NewsItem

from . import services


class CriterionFormSet(BaseInlineFormSet):
    """The criteria that would remain must still hold the edition's tie-break (a
    criterion named there cannot be removed or recoded): rules.tie_break_problems."""

    def clean(self):
        super().clean()
        if any(self.errors) or self.instance.pk is None:
            return
        kept = {
            form.cleaned_data["code"]: str(form.instance)
            for form in self.forms
            if form.cleaned_data.get("code") and not self._should_delete_form(form)
        }
        tie_break = self.instance.tie_break or []
        problems = rules.tie_break_problems(tie_break, kept)
        if problems:
            raise ValidationError(
                [
                    _(
                        "The edition's tie-break uses the criterion “%(code)s”: keep it, or "
                        "change the tie-break on the edition's settings page first."
                    )
                    % {"code": tie_break[position]}
                    for position in problems
                ]
            )


class CriterionInline(admin.TabularInline):
    """Criteria can be repaired until the jury starts scoring (rules.before_judging)."""

    model = Criterion
    formset = CriterionFormSet
    extra = 0

    def _editable(self, edition) -> bool:
        return edition is None or rules.before_judging(edition)

    def has_add_permission(self, request, obj=None) -> bool:
        return self._editable(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None) -> bool:
        return self._editable(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return self._editable(obj) and super().has_delete_permission(request, obj)


class EditionTransitionInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = EditionTransition
    extra = 0
    readonly_fields = ["at", "action", "source", "target", "by", "note"]
    fields = readonly_fields


@admin.register(Edition)
class EditionAdmin(FSMAdminMixin, admin.ModelAdmin):
    fsm_fields = ["state"]
    list_display = ["number", "display_name", "year", "state"]
    list_filter = ["state"]
    inlines = [CriterionInline, EditionTransitionInline]

    def has_add_permission(self, request) -> bool:
        return False  # edition_create, on the secretariat's pages, adds the criteria and log

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def get_readonly_fields(self, request, obj=None):
        return ["settings_page", "tie_break_criteria", *(f.name for f in Edition._meta.fields)]

    def get_fields(self, request, obj=None):
        return [
            "settings_page",
            *(
                "tie_break_criteria" if f.name == "tie_break" else f.name
                for f in Edition._meta.fields
                if f.name != "id"
            ),
        ]

    @admin.display(description=_("tie-break criteria"))
    def tie_break_criteria(self, obj) -> str:
        """By name, in order, as the settings page offers them (the codes are stored)."""
        names = {c.code: str(c) for c in obj.criteria.all()}
        codes = obj.tie_break or []
        if not codes:
            return _("none")
        items = format_html_join("", "<li>{}</li>", ((names.get(code, code),) for code in codes))
        return format_html("<ol>{}</ol>", items)

    @admin.display(description=_("settings"))
    def settings_page(self, obj) -> str:
        url = reverse("results:secretariat_edition", kwargs={"number": obj.number})
        return format_html(
            '<a href="{}">{}</a>',
            url,
            _("Change the settings on the secretariat's edition page"),
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """The save buttons only while there is something to save: the criteria,
        before the jury scores. The transition buttons stay."""
        edition = self.get_object(request, object_id)
        editable = edition is not None and rules.before_judging(edition)
        context = {**(extra_context or {}), "show_save": editable}
        context["show_save_and_continue"] = editable
        return super().change_view(request, object_id, form_url, extra_context=context)

    def save_model(self, request, obj, form, change) -> None:
        """Nothing of the edition is edited here (its criteria are saved by the inline)."""

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
class CertificateAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: certificates are issued, reissued and revoked by the services, so the
    verification page always tells the truth."""

    list_display = ["number", "edition", "entry", "kind", "status", "issued_at", "rendered_at"]
    list_filter = ["kind", "status", "edition"]
    search_fields = ["number", "entry__ref", "entry__authority__name"]


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
