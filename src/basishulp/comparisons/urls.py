"""URLs of the comparisons app."""

from django.urls import path

from . import views

app_name = "comparisons"

urlpatterns = [
    path("", views.index, name="index"),
    path("inlezen/", views.upload, name="upload"),
]
