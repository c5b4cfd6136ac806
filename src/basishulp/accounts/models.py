"""Users' roles ("rollen") as data: who may see and do what is part of the spec (domain.md §2).

Every user has at most one :class:`Profile` with one role. A municipality user is tied
to one municipality; area-bound roles (care professional, area manager) list their
areas. What each role may see is decided in :mod:`basishulp.accounts.selectors`, in
one place.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from basishulp.trajecten.domain.reference import REFERRER_TYPES


class Role(models.TextChoices):
    """The roles of domain.md §2 (Dutch values, as users name them)."""

    INTAKE = "intake", _("intake (instroomteam)")
    CARE_PROFESSIONAL = "zorgprofessional", _("care professional")
    AREA_MANAGER = "gebiedsmanager", _("area manager")
    CONTROLLER = "controller", _("controller / management")
    MUNICIPALITY = "gemeente", _("municipality")
    REFERRER = "verwijzer", _("referrer")
    ADMINISTRATOR = "beheerder", _("administrator")
    PRIVACY_OFFICER = "privacy_officer", _("privacy officer")


class Profile(models.Model):
    """The role of one user, with the municipality or areas the role is bound to."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile", verbose_name=_("user")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    municipality = models.ForeignKey(
        "trajecten.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
        help_text=_("Required for municipality users: they see aggregates of this municipality only."),
    )
    organisation = models.CharField(
        _("organisation"), max_length=200, blank=True,
        help_text=_("For referrers: the practice or organisation they refer for."),
    )  # fmt: skip
    referrer_type = models.CharField(
        _("referrer type"), max_length=2, blank=True, choices=list(REFERRER_TYPES.items()),
        help_text=_("For referrers: the COD327 code their requests carry."),
    )  # fmt: skip
    areas = models.ManyToManyField(
        "trajecten.Area",
        blank=True,
        related_name="+",
        verbose_name=_("areas"),
        help_text=_("For care professionals and area managers: the areas they work in."),
    )

    class Meta:
        ordering = ["user__username"]
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


class LoginFailure(models.Model):
    """A failed login, to lock an account (and an address) after too many (accounts/lockout.py):
    a wrong password, or a wrong second-factor code (accounts/two_factor.py)."""

    class Kind(models.TextChoices):
        PASSWORD = "password", _("password")
        CODE = "code", _("two-factor code")

    username = models.CharField(max_length=150, db_index=True)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.PASSWORD)
    ip = models.GenericIPAddressField(null=True, blank=True, db_index=True)
    at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("failed login")
        verbose_name_plural = _("failed logins")

    def __str__(self) -> str:
        return f"{self.username} {self.at:%Y-%m-%d %H:%M}"


class TwoFactorDevice(models.Model):
    """A user's TOTP authenticator (accounts/two_factor.py): at most one per user.

    The secret is stored only Fernet-encrypted (``settings.OTP_KEYS``). The device counts
    from its first correct code (``confirmed_at``); ``last_step`` is the time step of the
    last code accepted, so no code is accepted twice.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="two_factor_device", verbose_name=_("user")
    )
    encrypted_secret = models.TextField(_("encrypted secret"), editable=False)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True, editable=False)
    last_step = models.BigIntegerField(_("last time step used"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("two-factor device")
        verbose_name_plural = _("two-factor devices")

    def __str__(self) -> str:
        return f"{self.user} ({'confirmed' if self.confirmed_at else 'not confirmed'})"
