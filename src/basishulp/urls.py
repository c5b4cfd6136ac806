"""URL configuration."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from basishulp.accounts.lockout import LockingLoginView

urlpatterns = [
    path("login/", LockingLoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("tweestapsverificatie/", include("basishulp.accounts.two_factor_urls")),
    path("admin/", admin.site.urls),
    path("trajecten/", include("basishulp.trajecten.urls")),
    path("ijw/", include("basishulp.ijw.urls")),
    path("financien/", include("basishulp.finance.urls")),
    path("prognose/", include("basishulp.forecast.urls")),
    path("registers/", include("basishulp.registers.urls")),
    path("vergelijking/", include("basishulp.comparisons.urls")),
    path("rapportage/", include("basishulp.reports.urls")),
    path("hulpvragen/", include("basishulp.toeleiding.urls")),
    path("verwijzer/", include("basishulp.toeleiding.portal_urls")),
    path("toegangslog/", include("basishulp.audit.urls")),
    path("api/v1/", include("basishulp.api.urls")),
    path("", include("basishulp.dashboard.urls")),
]
