from django.apps import AppConfig


class KpiConfig(AppConfig):
    name = "basishulp.kpi"
    default_auto_field = "django.db.models.BigAutoField"
