from django.urls import path

from . import views

app_name = "finance"
urlpatterns = [
    path("", views.index, name="index"),
    path("export.xlsx", views.export, name="export"),
    path("import/", views.upload, name="upload"),
]
