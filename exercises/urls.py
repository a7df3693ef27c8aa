from datetime import date

from django.urls import include, path, register_converter

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

# Grouped by their first segment: Django tries a request's path against each pattern in
# turn, and a group whose prefix doesn't match is passed over in one step.
account_patterns = [
    path("signup/", account.signup, name="signup"),
    path("settings/", account.settings_view, name="settings"),
    path("safety-check/", account.safety_check, name="safety_check"),
    path("export/", account.export, name="export"),
    path("export/sessions.csv", account.export_csv, name="export_csv"),
    path("delete/", account.delete_account, name="delete_account"),
    path("calendar-token/", account.regenerate_calendar_token, name="regenerate_calendar_token"),
]

plan_patterns = [
    path("", plan.plan, name="plan"),
    path("starters/", starters.starters, name="starters"),
    path("routines/new/", routines.routine_new, name="routine_new"),
    path("routines/<id:routine_id>/", routines.routine_detail, name="routine"),
    path("routines/<id:routine_id>/toggle/", routines.routine_toggle, name="routine_toggle"),
    path("routines/<id:routine_id>/delete/", routines.routine_delete, name="routine_delete"),
    path("routines/<id:routine_id>/today/", starters.start_today, name="start_today"),
    path("routines/<id:routine_id>/items/", items.item_add, name="item_add"),
    path("routines/<id:routine_id>/items/undo-remove/", items.undo_remove, name="undo_remove"),
    path("items/<id:item_id>/dose/", items.item_dose, name="item_dose"),
    path("items/<id:item_id>/move/", items.item_move, name="item_move"),
    path("items/<id:item_id>/pause/", items.item_pause, name="item_pause"),
    path("items/<id:item_id>/remove/", items.item_remove, name="item_remove"),
    path("items/<id:item_id>/progress/", plan.item_progress, name="item_progress"),
    path("items/<id:item_id>/undo-add/", plan.undo_add, name="undo_add"),
    path("items/<id:item_id>/swap/", items.item_swap, name="item_swap"),
]

today_patterns = [
    path("", today.today, name="today"),
    path("quick/", quick.quick_session, name="quick"),
    path("activity/", activities.add_today, name="activity"),
    path("acknowledge/", today.acknowledge_notice, name="acknowledge"),
]

# One day (today or a past one): tick, log, play, and flare-up mode's gentle rows.
day_patterns = [
    path("", today.day, name="day"),
    path("items/<id:item_id>/check/", today.check, name="check"),
    path("items/<id:item_id>/hurt/", today.hurt, name="hurt"),
    path("routines/<id:routine_id>/start/", today.start, name="start"),
    path("routines/<id:routine_id>/log/", today.log_session, name="log"),
    path("routines/<id:routine_id>/play/", player.play, name="play"),
    path(
        "routines/<id:routine_id>/gentle/<slug:slug>/check/",
        flareup.gentle_check,
        name="gentle_check",
    ),
    path(
        "routines/<id:routine_id>/gentle/<slug:slug>/hurt/",
        flareup.gentle_hurt,
        name="gentle_hurt",
    ),
    path("sessions/<id:session_id>/log/", quick.log_quick, name="log_quick"),
    path("activities/", activities.add, name="activity_add"),
    path("activities/<id:activity_id>/", activities.edit, name="activity_edit"),
    path("activities/<id:activity_id>/delete/", activities.delete, name="activity_delete"),
]

urlpatterns = [
    path("", pages.home, name="home"),
    path("learn/", pages.learn, name="learn"),
    # Catalog
    path("exercises/", catalog.catalog, name="catalog"),
    path("exercises/<slug:slug>/", catalog.detail, name="detail"),
    path("exercises/<slug:slug>/add/", plan.add_to_plan, name="add_to_plan"),
    # Accounts (Django's auth views live under /accounts/ too)
    path("accounts/", include(account_patterns)),
    path("plan/", include(plan_patterns)),
    # Doing it
    path("today/", include(today_patterns)),
    path("day/<isodate:day>/", include(day_patterns)),
    # Flare-ups
    path("flare-up/", flareup.flare_up_page, name="flare_up"),
    path("flare-up/end/", flareup.flare_up_end, name="flare_up_end"),
    # Progress
    path("history/", history.history, name="history"),
    path("history/summary/", history.summary, name="summary"),
    path("history/goal/", history.set_goal, name="set_goal"),
    path("calendar/<str:token>.ics", history.calendar_feed, name="calendar"),
]
