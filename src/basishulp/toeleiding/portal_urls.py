from django.urls import path

from . import portal

app_name = "portal"
urlpatterns = [
    path("", portal.portal_index, name="index"),
    path("nieuw/", portal.portal_new, name="new"),
    path("<str:reference>/", portal.portal_detail, name="detail"),
]
