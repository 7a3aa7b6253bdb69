"""Who a user is in the administration: one role, and for clerks and heads their units."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from karne.core.workflow import Role
from karne.organisation.models import Administration, Unit

ROLE_LABELS = {
    Role.ADMIN: "Strateji birimi yöneticisi",
    Role.HEAD: "Birim amiri",
    Role.CLERK: "Veri giriş personeli",
    Role.READER: "Okuyucu (üst yönetim, denetçi)",
}


class Membership(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership"
    )
    administration = models.ForeignKey(
        Administration, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=10, choices=[(r.value, ROLE_LABELS[r]) for r in Role])
    units = models.ManyToManyField(Unit, blank=True, related_name="members")
    # When the latest set-password link was issued: part of its token, so a new link (or a
    # password set with one) makes every earlier link stop working.
    link_issued = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.user} ({self.role})"

    @property
    def role_enum(self) -> Role:
        return Role(self.role)


class LoginAttempts(models.Model):
    """Sign-in attempts for one user name from one address within the current lock window.

    The count is raised by one conditional UPDATE in the database (`accounts/throttle.py`), never
    read and then written: parallel requests of every worker cannot both take the last attempt.
    """

    client = models.CharField(max_length=100)
    username = models.CharField(max_length=150)  # folded to lower case the Turkish way
    count = models.PositiveIntegerField(default=0)
    until = models.DateTimeField()  # the window (and a lock) ends then

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["client", "username"], name="login_attempts_once")
        ]

    def __str__(self) -> str:
        return f"{self.username}@{self.client}: {self.count}"


class SecondFactorRule(models.Model):
    """A role of an administration whose members must sign in with a TOTP code too (a row:
    required; no row: optional, as it is for everyone by default)."""

    administration = models.ForeignKey(
        Administration, on_delete=models.CASCADE, related_name="second_factor_rules"
    )
    role = models.CharField(max_length=10, choices=[(r.value, ROLE_LABELS[r]) for r in Role])

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["administration", "role"], name="second_factor_rule_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.administration.code}: {self.role}"
