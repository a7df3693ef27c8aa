"""Every user has a Profile; the catalog cache forgets an exercise edited in the admin."""

from django.conf import settings
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from .cache import bump_catalog_version
from .models import Exercise, Profile


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def create_profile(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        Profile.objects.get_or_create(user=instance)


@receiver(post_save, sender=Exercise)
@receiver(post_delete, sender=Exercise)
def exercise_changed(sender, **kwargs):
    bump_catalog_version()


@receiver(m2m_changed, sender=Exercise.focus.through)
@receiver(m2m_changed, sender=Exercise.benefits.through)
@receiver(m2m_changed, sender=Exercise.related.through)
def exercise_links_changed(sender, action, **kwargs):
    if action.startswith("post_"):
        bump_catalog_version()
