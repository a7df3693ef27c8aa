"""Deleting an account with everything in it, while its other devices may still be ticking."""

import time

from django.contrib.auth import get_user_model
from django.db import IntegrityError, OperationalError, transaction

from .models import ExerciseCheck, Routine, RoutineItem, SessionLog

ATTEMPTS = 5
PAUSE_SECONDS = 0.05  # times the attempt number: a tick holds its rows for a few ms


class AccountBusy(Exception):
    """Other requests kept the account's rows locked through every attempt; nothing was
    deleted."""


def delete_account(user_id: int) -> None:
    """Delete the account and, by cascade, its profile, routines, sessions, checks,
    activities and flare-ups, in one transaction. Raises AccountBusy, having deleted
    nothing, if other requests kept its rows busy through every attempt.

    A tick takes no lock before it writes; as it commits, the database's foreign key
    checks take share locks on its session and its item. A deletion that waited on those
    rows while holding others could close a cycle with such a tick (a deadlock, a 500 for
    one of them), and rows written between Django collecting the cascade and deleting it
    would fail the deletion at its commit. So each attempt first locks every row a tick
    or a removal could touch, in the order removals use, without waiting (NOWAIT): if one
    is busy it gives up at once, releases everything and tries again a moment later.
    Once it holds them, a tick that comes later waits for the deletion and is then
    refused by the foreign key, as a tick racing a removal is. On SQLite the transaction
    holds the whole database, and `select_for_update` does nothing."""
    for attempt in range(1, ATTEMPTS + 1):
        try:
            with transaction.atomic():
                _lock_rows_of(user_id)
                get_user_model().objects.filter(pk=user_id).delete()
            return
        except (OperationalError, IntegrityError) as error:  # busy, or written meanwhile
            if attempt == ATTEMPTS:
                raise AccountBusy from error
            time.sleep(PAUSE_SECONDS * attempt)


def _lock_rows_of(user_id: int) -> None:
    for rows in (
        Routine.objects.filter(owner_id=user_id),
        ExerciseCheck.objects.filter(session__owner_id=user_id),
        RoutineItem.objects.filter(routine__owner_id=user_id),
        SessionLog.objects.filter(owner_id=user_id),
        get_user_model().objects.filter(pk=user_id),
    ):
        list(rows.select_for_update(nowait=True, of=("self",)).values_list("pk"))
