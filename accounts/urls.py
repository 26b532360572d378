from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("", views.home, name="home"),
    path("my-data/", views.my_data, name="my_data"),
    path("erase/", views.erase, name="erase"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password-reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path("invitation/<uidb64>/<token>/", views.InvitationAcceptView.as_view(), name="invitation"),
    path("invite/", views.invite, name="invite"),
    path("register/", views.register, name="register"),
    path("register/sent/", views.register_sent, name="register_sent"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    # Two-factor login: the step after the password, set-up, recovery codes, removal.
    path("two-factor/", views.second_factor, name="second_factor"),
    path("two-factor/code/", views.second_factor_verify, name="second_factor_verify"),
    path(
        "two-factor/recovery/",
        views.second_factor_verify,
        {"kind": "recovery"},
        name="second_factor_recovery",
    ),
    path("two-factor/setup/", views.second_factor_setup, name="second_factor_setup"),
    path("two-factor/recovery-codes/", views.second_factor_codes, name="second_factor_codes"),
    path(
        "two-factor/recovery-codes/download/",
        views.second_factor_codes_download,
        name="second_factor_codes_download",
    ),
    path(
        "two-factor/recovery-codes/new/",
        views.second_factor_codes_new,
        name="second_factor_codes_new",
    ),
    path("two-factor/remove/", views.second_factor_remove, name="second_factor_remove"),
]
