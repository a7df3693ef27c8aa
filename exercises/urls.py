from datetime import date

from django.urls import path, register_converter

from .models import MAX_ID
from .views import (
    account,
    activities,
    catalog,
    flareup,
    history,
    items,
    pages,
    plan,
    player,
    quick,
    routines,
    starters,
    today,
)


class IsoDateConverter:
    """YYYY-MM-DD; an impossible date such as 2026-02-30 does not match (a 404)."""

    regex = r"\d{4}-\d{2}-\d{2}"

    def to_python(self, value: str) -> date:
        return date.fromisoformat(value)  # ValueError means "no match"

    def to_url(self, value: date) -> str:
        return value.isoformat()


class IdConverter:
    """A row's id: 1 to MAX_ID. Anything else (0, 2**64, a 300-digit number) is no match,
    a 404 before any query: SQLite can't even bind an integer that large."""

    regex = r"[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if not 1 <= number <= MAX_ID:
            raise ValueError(value)  # ValueError means "no match"
        return number

    def to_url(self, value: int) -> str:
        return str(int(value))


register_converter(IsoDateConverter, "isodate")
register_converter(IdConverter, "id")

app_name = "exercises"

urlpatterns = [
    path("", pages.home, name="home"),
    path("learn/", pages.learn, name="learn"),
    # Catalog
    path("exercises/", catalog.catalog, name="catalog"),
    path("exercises/<slug:slug>/", catalog.detail, name="detail"),
    path("exercises/<slug:slug>/add/", plan.add_to_plan, name="add_to_plan"),
    # Accounts (Django's auth views live under /accounts/ too)
    path("accounts/signup/", account.signup, name="signup"),
    path("accounts/settings/", account.settings_view, name="settings"),
    path("accounts/safety-check/", account.safety_check, name="safety_check"),
    path("accounts/export/", account.export, name="export"),
    path("accounts/export/sessions.csv", account.export_csv, name="export_csv"),
    path("accounts/delete/", account.delete_account, name="delete_account"),
    path(
        "accounts/calendar-token/",
        account.regenerate_calendar_token,
        name="regenerate_calendar_token",
    ),
    # Plan
    path("plan/", plan.plan, name="plan"),
    path("plan/starters/", starters.starters, name="starters"),
    path("plan/routines/new/", routines.routine_new, name="routine_new"),
    path("plan/routines/<id:routine_id>/", routines.routine_detail, name="routine"),
    path("plan/routines/<id:routine_id>/toggle/", routines.routine_toggle, name="routine_toggle"),
    path("plan/routines/<id:routine_id>/delete/", routines.routine_delete, name="routine_delete"),
    path("plan/routines/<id:routine_id>/today/", starters.start_today, name="start_today"),
    path("plan/routines/<id:routine_id>/items/", items.item_add, name="item_add"),
    path(
        "plan/routines/<id:routine_id>/items/undo-remove/",
        items.undo_remove,
        name="undo_remove",
    ),
    path("plan/items/<id:item_id>/dose/", items.item_dose, name="item_dose"),
    path("plan/items/<id:item_id>/move/", items.item_move, name="item_move"),
    path("plan/items/<id:item_id>/pause/", items.item_pause, name="item_pause"),
    path("plan/items/<id:item_id>/remove/", items.item_remove, name="item_remove"),
    path("plan/items/<id:item_id>/progress/", plan.item_progress, name="item_progress"),
    path("plan/items/<id:item_id>/undo-add/", plan.undo_add, name="undo_add"),
    path("plan/items/<id:item_id>/swap/", items.item_swap, name="item_swap"),
    # Doing it
    path("today/", today.today, name="today"),
    path("today/quick/", quick.quick_session, name="quick"),
    path("today/activity/", activities.add_today, name="activity"),
    path("today/acknowledge/", today.acknowledge_notice, name="acknowledge"),
    path("day/<isodate:day>/", today.day, name="day"),
    path("day/<isodate:day>/items/<id:item_id>/check/", today.check, name="check"),
    path("day/<isodate:day>/items/<id:item_id>/hurt/", today.hurt, name="hurt"),
    path("day/<isodate:day>/routines/<id:routine_id>/start/", today.start, name="start"),
    path("day/<isodate:day>/routines/<id:routine_id>/log/", today.log_session, name="log"),
    path("day/<isodate:day>/routines/<id:routine_id>/play/", player.play, name="play"),
    path("day/<isodate:day>/sessions/<id:session_id>/log/", quick.log_quick, name="log_quick"),
    path("day/<isodate:day>/activities/", activities.add, name="activity_add"),
    path(
        "day/<isodate:day>/activities/<id:activity_id>/",
        activities.edit,
        name="activity_edit",
    ),
    path(
        "day/<isodate:day>/activities/<id:activity_id>/delete/",
        activities.delete,
        name="activity_delete",
    ),
    # Flare-ups
    path("flare-up/", flareup.flare_up_page, name="flare_up"),
    path("flare-up/end/", flareup.flare_up_end, name="flare_up_end"),
    path(
        "day/<isodate:day>/routines/<id:routine_id>/gentle/<slug:slug>/check/",
        flareup.gentle_check,
        name="gentle_check",
    ),
    path(
        "day/<isodate:day>/routines/<id:routine_id>/gentle/<slug:slug>/hurt/",
        flareup.gentle_hurt,
        name="gentle_hurt",
    ),
    # Progress
    path("history/", history.history, name="history"),
    path("history/summary/", history.summary, name="summary"),
    path("history/goal/", history.set_goal, name="set_goal"),
    path("calendar/<str:token>.ics", history.calendar_feed, name="calendar"),
]
