"""Every user has a Profile; catalog edits move the catalog version; any change to a
user's rows moves their data version."""

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from .cache import forget_catalog_version, touch_catalog
from .middleware import request_moves_version
from .models import (
    ActivityLog,
    Benefit,
    Exercise,
    ExerciseCheck,
    FlareUp,
    Focus,
    Profile,
    Routine,
    RoutineItem,
    SessionLog,
)
from .throttle import expire_login_records_now_and_then, forget_login_records


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def create_profile(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        Profile.objects.get_or_create(user=instance)


@receiver(post_delete, sender=settings.AUTH_USER_MODEL)
def forget_deleted_users_logins(sender, instance, **kwargs):
    """A deleted account takes its login records (times, addresses, browsers) with it,
    however it was deleted: by its owner, in the admin or from the shell."""
    forget_login_records(instance.get_username())


@receiver(user_logged_in)
def expire_old_login_records(sender, **kwargs):
    """Login records are kept BACKCARE_LOGIN_RECORD_DAYS; logins are what add them, so a
    login is when the old ones go (`manage.py expire_login_records` does it on demand)."""
    expire_login_records_now_and_then()


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


# A user's pages are cached under their data version (exercises/cache.py). A request by
# the user moves it once when it ends (middleware.DataVersionMiddleware); these receivers
# move it for writes made anywhere else through the ORM: the admin, the shell, a command.


def _move_versions(**owner_lookup) -> None:
    if not request_moves_version():
        Profile.objects.filter(**owner_lookup).update(data_version=F("data_version") + 1)


@receiver(post_save, sender=Routine)
@receiver(post_delete, sender=Routine)
@receiver(post_save, sender=SessionLog)
@receiver(post_delete, sender=SessionLog)
@receiver(post_save, sender=ActivityLog)
@receiver(post_delete, sender=ActivityLog)
@receiver(post_save, sender=FlareUp)
@receiver(post_delete, sender=FlareUp)
def owned_row_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        _move_versions(user_id=instance.owner_id)


@receiver(post_save, sender=RoutineItem)
@receiver(post_delete, sender=RoutineItem)
def routine_item_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        _move_versions(user__routines__id=instance.routine_id)


@receiver(post_save, sender=ExerciseCheck)
@receiver(post_delete, sender=ExerciseCheck)
def check_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        _move_versions(user__session_logs__id=instance.session_id)
