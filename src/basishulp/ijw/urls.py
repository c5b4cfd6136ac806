from django.urls import path

from . import views

app_name = "ijw"
urlpatterns = [
    path("", views.upload, name="upload"),
    path("retour/", views.retour, name="retour"),
]
