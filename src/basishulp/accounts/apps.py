from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "basishulp.accounts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import lockout, sessions, two_factor  # noqa: F401 - signal receivers, the system check
