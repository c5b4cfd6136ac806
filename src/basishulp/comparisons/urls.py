"""URLs of the comparisons app."""

from django.urls import path  # noqa: F401

app_name = "comparisons"

urlpatterns: list = []
