"""Every route. Each view carries an access decision (holdfast.core.access); the route
sweep test tries them all as every role."""

from allauth.account import views as account_views
from django.urls import include, path

from holdfast.core import views as core_views

# Only the parts of allauth Holdfast uses: no signup, no email, no password-by-email.
allauth_patterns = [
    path("login/", account_views.login, name="account_login"),
    path("logout/", account_views.logout, name="account_logout"),
    path("password/change/", account_views.password_change, name="account_change_password"),
    path("reauthenticate/", account_views.reauthenticate, name="account_reauthenticate"),
    path("2fa/", include("allauth.mfa.urls")),
]

urlpatterns = [
    path("", core_views.landing, name="landing"),
    path("home/", core_views.home, name="home"),
    path("language/", core_views.language_set, name="language_set"),
    path("exit/", core_views.quick_exit, name="quick_exit"),
    path("accounts/", include(allauth_patterns)),
    path("", include("holdfast.accounts.urls")),
    path("", include("holdfast.curriculum.urls")),
    path("", include("holdfast.assessment.urls")),
]

handler400 = "holdfast.core.views.error_400"
handler403 = "holdfast.core.views.error_403"
handler404 = "holdfast.core.views.error_404"
handler500 = "holdfast.core.views.error_500"
