"""Every user has a Profile; catalog edits move the catalog version; any change to a
user's rows moves their version."""

import functools

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from .cache import (
    forget_catalog_version,
    move_account_version,
    move_plan_version,
    move_user_version,
    touch_catalog,
)
from .middleware import request_moves_version
from .models import (
    ActivityLog,
    Benefit,
    Exercise,
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


# A user's record and pages are cached under their version (exercises/cache.py). A request
# by the user moves it once when it ends (middleware.DataVersionMiddleware); these
# receivers move it for writes made anywhere else through the ORM: the admin, the shell, a
# command, and requests by nobody logged in (a password reset).
#
# Exercise checks have none: only the user's own requests write them, and the admin edits
# them inside their session's page, whose save moves the version (SessionLog below). So
# an untick is one DELETE, with no signal to send (Django's fast delete).


def _after_commit_too(move, user_id) -> None:
    move(user_id)
    # Inside a transaction, a request reading meanwhile still sees the rows as they were
    # and may cache them under the version moved mid-transaction: move it again once they
    # are committed.
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(functools.partial(move, user_id))


def _move_version(owner_id, *, plan: bool = False) -> None:
    """Move the owner's version and, for a change to their plan, their plan version."""
    if owner_id is not None and not request_moves_version():
        _after_commit_too(move_user_version, owner_id)
        if plan:
            _after_commit_too(move_plan_version, owner_id)


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
@receiver(post_delete, sender=settings.AUTH_USER_MODEL)
@receiver(post_save, sender=Profile)
def user_changed(sender, instance, raw=False, **kwargs):
    """A new password, a deactivated or deleted account or new settings must not wait for
    the cached user record to expire: the password's hash is what ends other sessions.
    Nothing else moves the account version, so these receivers do it in requests too."""
    if raw:
        return
    user_id = instance.user_id if sender is Profile else instance.pk
    _after_commit_too(move_account_version, user_id)
    _move_version(user_id)


@receiver(post_save, sender=Routine)
@receiver(post_delete, sender=Routine)
@receiver(post_save, sender=FlareUp)
@receiver(post_delete, sender=FlareUp)
def plan_row_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        _move_version(instance.owner_id, plan=True)


@receiver(post_save, sender=SessionLog)
@receiver(post_delete, sender=SessionLog)
@receiver(post_save, sender=ActivityLog)
@receiver(post_delete, sender=ActivityLog)
def log_row_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        _move_version(instance.owner_id)


@receiver(post_save, sender=RoutineItem)
@receiver(post_delete, sender=RoutineItem)
def routine_item_changed(sender, instance, raw=False, **kwargs):
    # The owner costs a query; a request by the user moves their versions itself.
    if not raw and not request_moves_version():
        routines = Routine.objects.filter(pk=instance.routine_id)
        _move_version(routines.values_list("owner_id", flat=True).first(), plan=True)
