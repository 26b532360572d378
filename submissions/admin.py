"""The admin shows everything and changes states never: the lifecycle belongs to
`entry_transition`, so the state field and the log are read-only. Once an entry is
submitted it is a record of the process: the entry, its photos and its attachments are
read-only here, for everyone; only a draft may be repaired."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from prize.admin_readonly import ReadOnlyAdminMixin
from prize.countries import member_choices

from .enums import EntryState
from .models import Attachment, Authority, AuthorityInvitation, Entry, EntryTransition, Photo
from .services.authorities import AUTHORITY_FIELDS, authority_update


def is_draft(entry) -> bool:
    """`entry` is None on the list and the add page: nothing submitted is at stake."""
    return entry is None or entry.state == EntryState.DRAFT


class DraftOnlyMixin:
    """For an entry and its inlines: add, change and delete while it is a draft."""

    def has_add_permission(self, request, obj=None) -> bool:
        return is_draft(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None) -> bool:
        return is_draft(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return is_draft(obj) and super().has_delete_permission(request, obj)


class PhotoInline(DraftOnlyMixin, admin.TabularInline):
    model = Photo
    extra = 0
    fields = ["file", "caption", "credit", "alt", "people", "order"]
    readonly_fields = ["file"]


class AttachmentInline(DraftOnlyMixin, admin.TabularInline):
    model = Attachment
    extra = 0
    fields = ["name", "size", "uploaded_by", "uploaded_at"]
    readonly_fields = fields


class TransitionInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = EntryTransition
    extra = 0
    fields = ["at", "action", "source", "target", "by", "note", "internal_note"]
    readonly_fields = fields


class AuthorityAdminForm(forms.ModelForm):
    """The country is one of the member states, as on the site's form, so that what
    authority_update checks is already true when the form is valid."""

    country = forms.ChoiceField(label=_("country"))

    class Meta:
        model = Authority
        fields = [*AUTHORITY_FIELDS, "members"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "—"), *member_choices()]


@admin.register(Authority)
class AuthorityAdmin(admin.ModelAdmin):
    """A repair of an authority's details goes through authority_update, like the
    authority's own page; saving it reissues the certificates that print them."""

    form = AuthorityAdminForm
    list_display = ["name", "name_fr", "kind", "country", "verified_at"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "name_fr", "name_local"]
    readonly_fields = ["verified_at", "verified_by", "created_by", "created_at"]

    def has_add_permission(self, request) -> bool:
        return False  # authority_create, when a member registers their authority

    def save_model(self, request, obj, form, change) -> None:
        fields = {name: form.cleaned_data[name] for name in form.changed_data}
        authority_update(
            authority_id=obj.pk,
            by=request.user,
            **{name: value for name, value in fields.items() if name in AUTHORITY_FIELDS},
        )


@admin.register(AuthorityInvitation)
class AuthorityInvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "authority", "created_at", "accepted_at"]
    readonly_fields = ["authority", "email", "invited_by", "created_at", "accepted_at"]
    exclude = ["token"]


@admin.register(Entry)
class EntryAdmin(admin.ModelAdmin):
    list_display = ["ref", "authority", "edition", "state", "submitted_at"]
    list_filter = ["edition", "state"]
    search_fields = ["ref", "authority__name"]
    list_select_related = ["authority", "edition"]
    readonly_fields = ["state", "version", "submitted_at", "submitted_by"]
    inlines = [PhotoInline, AttachmentInline, TransitionInline]

    def has_add_permission(self, request) -> bool:
        return False  # entry_create gives the reference and checks the call is open

    def has_change_permission(self, request, obj=None) -> bool:
        return is_draft(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return is_draft(obj) and super().has_delete_permission(request, obj)
