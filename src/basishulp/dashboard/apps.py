from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "basishulp.dashboard"
    default_auto_field = "django.db.models.BigAutoField"
