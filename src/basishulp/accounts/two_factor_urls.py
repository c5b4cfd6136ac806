"""The two-factor pages (``/tweestapsverificatie/``)."""

from django.urls import path

from . import two_factor_views

app_name = "two_factor"
urlpatterns = [
    path("", two_factor_views.verify, name="verify"),
    path("instellen/", two_factor_views.setup, name="setup"),
]
