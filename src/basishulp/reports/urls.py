"""URLs of the reports app."""

from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.run_view, name="run"),
    path("<int:pk>/bestand/", views.download, name="download"),
]
