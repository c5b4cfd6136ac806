from django.urls import path

from . import views

app_name = "audit"
urlpatterns = [
    path("", views.log_index, name="index"),
    path("client/<str:pseudonym>/", views.client_report, name="client"),
]
