"""People. The secretariat is the "Secretariat" group: a member of the secretariat may
repair someone's details and put people in or out of the group here, but never make
anyone a superuser nor change a superuser's account (the operator's)."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.admin import StaticDeviceAdmin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

from .forms import AdminLoginForm
from .models import SECRETARIAT_GROUP, User

# The admin's login says why it refuses while logging in is paused, as the site's does
# (the 429 status: accounts.views.admin_login).
admin.site.login_form = AdminLoginForm


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "name", "in_secretariat", "is_staff", "is_superuser", "is_active"]
    list_filter = ["groups", "is_staff", "is_superuser", "is_active"]
    search_fields = ["email", "name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["name", "language"]}),
        (_("Permissions"), {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]

    def get_queryset(self, request):
        member = User.groups.through.objects.filter(
            user=OuterRef("pk"), group__name=SECRETARIAT_GROUP
        )
        return super().get_queryset(request).annotate(in_secretariat_group=Exists(member))

    @admin.display(boolean=True, description=_("secretariat"), ordering="in_secretariat_group")
    def in_secretariat(self, user) -> bool:
        return user.in_secretariat_group

    def get_readonly_fields(self, request, obj=None):
        if request.user.is_superuser:
            return ["last_login", "date_joined"]
        return ["is_superuser", "last_login", "date_joined"]

    def has_change_permission(self, request, obj=None) -> bool:
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)


class OperatorDeviceGuard:
    """Two-factor devices: the secretariat deletes someone's to reset a lost phone
    (docs/deploy.md), but never a superuser's (the operator's), as with their account."""

    def has_delete_permission(self, request, obj=None) -> bool:
        if obj is not None and obj.user.is_superuser and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)


class GuardedTOTPDeviceAdmin(OperatorDeviceGuard, TOTPDeviceAdmin):
    pass


class GuardedStaticDeviceAdmin(OperatorDeviceGuard, StaticDeviceAdmin):
    pass


for model, model_admin in (
    (TOTPDevice, GuardedTOTPDeviceAdmin),
    (StaticDevice, GuardedStaticDeviceAdmin),
):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
    admin.site.register(model, model_admin)
