"""API tokens end when the password changes or the account is deactivated (sessions already end on a password
change through Django's session hash)."""
from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models.signals import pre_save
from django.dispatch import receiver


@receiver(pre_save, sender=get_user_model())
def revoke_tokens_on_credential_change(sender, instance, raw=False, **kwargs) -> None:
    update_fields = kwargs.get("update_fields")
    if raw or instance.pk is None or (update_fields is not None and not {"password", "is_active"} & set(update_fields)):
        return  # e.g. the last_login update of every login
    from .models import ApiToken

    before = sender.objects.filter(pk=instance.pk).values("password", "is_active").first()
    if before is None:
        return
    if before["password"] != instance.password or (before["is_active"] and not instance.is_active):
        ApiToken.objects.filter(user_id=instance.pk).delete()
