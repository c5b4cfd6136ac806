from django.urls import path

from . import views

app_name = "toeleiding"
urlpatterns = [
    path("", views.inbox_view, name="inbox"),
    path("nieuw/", views.new_view, name="new"),
    path("kwaliteit/", views.quality_view, name="quality"),
    path("<str:reference>/", views.detail_view, name="detail"),
]
