"""Every user has a Profile; catalog link edits move the catalog version."""

from django.conf import settings
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from .cache import forget_catalog_version, touch_catalog
from .models import Benefit, Exercise, Focus, Profile


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def create_profile(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        Profile.objects.get_or_create(user=instance)


@receiver(m2m_changed, sender=Exercise.focus.through)
@receiver(m2m_changed, sender=Exercise.benefits.through)
@receiver(m2m_changed, sender=Exercise.related.through)
def exercise_links_changed(sender, action, **kwargs):
    if action.startswith("post_"):
        touch_catalog()


@receiver(post_save, sender=Focus)
@receiver(post_delete, sender=Focus)
@receiver(post_save, sender=Benefit)
@receiver(post_delete, sender=Benefit)
def lookup_changed(sender, raw=False, **kwargs):
    if not raw:
        touch_catalog()


@receiver(post_save, sender=Exercise)
@receiver(post_delete, sender=Exercise)
def exercise_changed(sender, **kwargs):
    forget_catalog_version()
