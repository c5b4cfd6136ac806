from django.apps import AppConfig


class TrajectenConfig(AppConfig):
    name = "basishulp.trajecten"
    default_auto_field = "django.db.models.BigAutoField"
