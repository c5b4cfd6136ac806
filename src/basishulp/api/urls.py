"""The REST API, version 1 (docs/api.md). The OpenAPI schema is at ``schema/``."""

from drf_spectacular.views import SpectacularAPIView

from django.urls import path

from . import views

app_name = "api"

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("figures/", views.FiguresView.as_view(), name="figures"),
    path("finance/lump-sums/", views.LumpSumView.as_view(), name="lump-sums"),
    path("requests/", views.RequestListView.as_view(), name="request-list"),
    path("requests/<str:reference>/", views.RequestDetailView.as_view(), name="request-detail"),
]
