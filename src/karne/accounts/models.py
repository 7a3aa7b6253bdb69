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

    def __str__(self) -> str:
        return f"{self.user} ({self.role})"

    @property
    def role_enum(self) -> Role:
        return Role(self.role)
