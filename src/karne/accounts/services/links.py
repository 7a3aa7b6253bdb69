"""One-time set-password links: an invitation's, or a reset's that the administrator passes on.

The token is Django's password-reset token (signed with the secret key, dated, valid for
`PASSWORD_RESET_TIMEOUT`), whose hash covers the password, the e-mail address, whether the user
is active and when the membership's latest link was issued: setting a password with it, a
newer link, or a deactivation each make it stop working. No e-mail server is needed: the
administrator is shown the link. The old password keeps working until the new one is set.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User as AuthUser
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext as _

from karne.accounts.errors import LinkInvalid, MemberRefused
from karne.accounts.models import Membership
from karne.monitoring.services.trail import record_change


class _LinkTokens(PasswordResetTokenGenerator):
    key_salt = "karne.accounts.links"

    def _make_hash_value(self, user: AuthUser, timestamp: int) -> str:
        membership = Membership.objects.filter(user_id=user.pk).first()
        issued = membership.link_issued if membership is not None else None
        active = getattr(user, "is_active", False)
        # Django's own hash without the last sign-in: signing in with the old password while a
        # reset is under way must not spoil the link.
        email = getattr(user, "email", "") or ""
        return f"{user.pk}|{user.password}|{timestamp}|{email}|{issued}|{active}"


TOKENS = _LinkTokens()


def link_parts(user: AuthUser) -> tuple[str, str]:
    """The link's user id (base 64) and token."""
    return urlsafe_base64_encode(force_bytes(user.pk)), TOKENS.make_token(user)


def link_user(uidb64: str, token: str) -> AuthUser:
    """The active user the link is for, if it still works (else LinkInvalid)."""
    try:
        pk = int(force_str(urlsafe_base64_decode(uidb64)))
    except (ValueError, TypeError, OverflowError):
        raise LinkInvalid from None
    user = get_user_model().objects.filter(pk=pk, is_active=True).first()
    if user is None or not TOKENS.check_token(user, token):
        raise LinkInvalid
    return user


@transaction.atomic
def password_set(*, uidb64: str, token: str, password: str, repeat: str) -> AuthUser:
    """Set the password the link is for; the link (and every earlier one) stops working."""
    user = link_user(uidb64, token)
    user = get_user_model().objects.select_for_update().get(pk=user.pk)
    if not TOKENS.check_token(user, token):  # used by a parallel request meanwhile
        raise LinkInvalid
    if password != repeat:
        raise MemberRefused(_("İki parola aynı değil."), field="repeat")
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise MemberRefused(" ".join(exc.messages), field="password") from None
    user.set_password(password)
    user.save(update_fields=["password"])
    membership = Membership.objects.select_related("administration", "user").get(user=user)
    record_change(membership, "user", user.get_username(), "password", "", "set")
    return user
