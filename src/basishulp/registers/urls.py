"""URLs of the registers app (/registers/). The edit pages take their subject from the
query string (``?risk=4&period=2023-H1``), so each opens on its own as an empty form."""

from django.urls import path

from . import views

app_name = "registers"

urlpatterns = [
    path("", views.index, name="index"),
    path("risico/", views.risk_situation, name="risk_situation"),
    path("opdracht/", views.assignment_status, name="assignment_status"),
    path("tekst/", views.period_text, name="text"),
    path("formatie/", views.workforce, name="fte"),
]
