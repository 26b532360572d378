"""The admin shows everything and changes states never: the lifecycle belongs to
`entry_transition`, so the admin's state field is read-only and the log is too."""

from django.contrib import admin

from .models import Attachment, Authority, AuthorityInvitation, Entry, EntryTransition, Photo


class PhotoInline(admin.TabularInline):
    model = Photo
    extra = 0
    fields = ["file", "caption", "credit", "alt", "people_consented", "order"]
    readonly_fields = ["file"]


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    fields = ["name", "size", "uploaded_by", "uploaded_at"]
    readonly_fields = fields


class TransitionInline(admin.TabularInline):
    model = EntryTransition
    extra = 0
    can_delete = False
    fields = ["at", "action", "source", "target", "by", "note", "internal_note"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Authority)
class AuthorityAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "country", "verified_at"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "name_local"]
    readonly_fields = ["verified_at", "verified_by", "created_by", "created_at"]


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
