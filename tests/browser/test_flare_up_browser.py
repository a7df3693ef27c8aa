"""Flare-up mode in a real browser: a user whose exercise hurts for the second time in two
weeks is offered flare-up mode, turns it on, gets a gentler Today and a flare-up plan, and
is back to normal when it ends, by the End button and, separately, when its last day has
passed (a frozen server clock). With JavaScript and without; axe-core on its pages."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from exercises.models import ExerciseCheck, FlareUp, RoutineItem, SessionLog
from tests.browser.conftest import axe_violations, log_in
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

NOW = datetime(2026, 11, 24, 11, 30, tzinfo=UTC)  # a Tuesday
TODAY = NOW.date()


@pytest.fixture(autouse=True)
def server_clock(monkeypatch):
    """The live server runs in this process: freezing timezone.now freezes its clock."""

    def move_to(moment):
        monkeypatch.setattr(timezone, "now", lambda: moment)

    move_to(NOW)
    return move_to


@pytest.fixture
def routine(user, make_routine):
    """Two gentle exercises and two that aren't; cat-cow already hurt three days ago."""
    routine = make_routine(
        user,
        "Morning back",
        days=range(7),
        slugs=("cat-cow", "childs-pose", "plank", "bridge"),
        at="08:00",
    )
    cat_cow = routine.items.get(exercise__slug="cat-cow")
    earlier = SessionLog.objects.create(
        owner=user, routine=routine, routine_name=routine.name, date=TODAY - timedelta(days=3)
    )
    earlier.set_check(cat_cow.exercise, ExerciseCheck.Status.HURT, item=cat_cow)
    return routine


def checkbox_names(page) -> list[str]:
    return [" ".join(label.split()) for label in page.locator("label.tick").all_inner_texts()]


def test_a_second_this_hurt_leads_to_flare_up_mode_and_back(page, live_server, user, routine):
    log_in(page, live_server, user.username, PASSWORD)
    page.goto(f"{live_server.url}/today/")
    assert checkbox_names(page) == ["Cat-cow stretch", "Child's pose", "Plank", "Bridge"]

    # "This hurt" a second time within two weeks: the row offers flare-up mode.
    page.get_by_role("button", name="This hurt: Cat-cow stretch").click()
    row = page.locator(f"#item-{routine.pk}-{routine.items.get(exercise__slug='cat-cow').pk}")
    expect(row).to_contain_text("It hurt twice in two weeks")
    expect(row.get_by_text("Call your local emergency number").first).to_be_attached()
    row.get_by_role("link", name="Try flare-up mode").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Getting through a flare-up")
    days = page.get_by_label("Days")
    expect(days).to_have_value("3")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Start flare-up mode").click()

    # A gentler Today: the gentle exercise at an eased dose, the others resting.
    expect(page.get_by_role("heading", name=re.compile(r"^Flare-up mode"))).to_contain_text(
        "until the end of Thursday 26 November"
    )
    assert checkbox_names(page) == ["Child's pose"]
    childs = routine.items.get(exercise__slug="childs-pose")
    expect(page.locator(f"#item-{routine.pk}-{childs.pk} .dose-line")).to_contain_text(
        "1 × 10 s hold"
    )
    expect(page.locator(".resting")).to_contain_text("Resting for now: Plank, Bridge.")
    expect(page.get_by_role("button", name="End flare-up mode")).to_be_visible()
    assert axe_violations(page) == []

    # Ticks count as usual.
    page.get_by_role("checkbox", name="Child's pose").check()
    expect(page.locator("#day-progress .progress__label")).to_have_text("1 of 1 done")
    assert ExerciseCheck.objects.filter(item=childs, status="done").exists()

    # The flare-up plan.
    page.get_by_role("link", name="Plan", exact=True).click()
    plan = page.locator("#flare-up-plan")
    expect(plan).to_contain_text("Your flare-up plan")
    expect(plan).to_contain_text("Child's pose 1 × 10 s hold")
    expect(plan).to_contain_text("Resting for now: Plank, Bridge.")
    assert axe_violations(page) == []

    # End it: Today is back to normal.
    page.get_by_role("link", name="Today", exact=True).click()
    page.get_by_role("button", name="End flare-up mode").click()
    expect(page.get_by_text("Flare-up mode is off. Your usual plan is back.")).to_be_visible()
    assert checkbox_names(page) == ["Child's pose", "Plank", "Bridge"]  # cat-cow stays paused
    expect(page.locator(f"#item-{routine.pk}-{childs.pk} .dose-line")).to_contain_text(
        "2 × 20 s hold"
    )
    expect(page.locator("#flare-up-banner")).to_have_count(0)


def test_flare_up_mode_ends_by_itself_when_its_day_has_passed(
    page, live_server, user, routine, server_clock
):
    log_in(page, live_server, user.username, PASSWORD)
    page.goto(f"{live_server.url}/flare-up/")
    page.get_by_label("Days").fill("1")
    page.get_by_role("button", name="Start flare-up mode").click()
    expect(page.locator("#flare-up-banner")).to_contain_text("until the end of Tuesday 24 November")
    assert checkbox_names(page) == ["Cat-cow stretch", "Child's pose"]

    server_clock(NOW + timedelta(days=1))
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Wednesday 25 November")
    expect(page.locator("#flare-up-banner")).to_have_count(0)
    assert checkbox_names(page) == ["Cat-cow stretch", "Child's pose", "Plank", "Bridge"]
    page.goto(f"{live_server.url}/flare-up/")
    expect(page.get_by_role("button", name="Start flare-up mode")).to_be_visible()
    assert FlareUp.objects.get().ended_on is None


def test_without_javascript_the_second_hurt_offers_flare_up_mode_on_today(
    nojs_page, live_server, user, routine
):
    page = nojs_page
    log_in(page, live_server, user.username, PASSWORD)
    page.goto(f"{live_server.url}/today/")
    page.get_by_role("button", name="This hurt: Cat-cow stretch").click()
    notice = page.locator("section").filter(
        has=page.get_by_role("heading", name="This hurt twice in two weeks")
    )
    expect(notice).to_be_visible()
    assert RoutineItem.objects.get(routine=routine, exercise__slug="cat-cow").paused
    notice.get_by_role("link", name="Try flare-up mode").click()
    page.get_by_role("button", name="Start flare-up mode").click()
    assert checkbox_names(page) == ["Child's pose"]
    page.get_by_role("button", name="End flare-up mode").click()
    assert checkbox_names(page) == ["Child's pose", "Plank", "Bridge"]


def test_bad_days_get_a_clear_message_in_the_browser(page, live_server, user, routine):
    log_in(page, live_server, user.username, PASSWORD)
    page.goto(f"{live_server.url}/flare-up/")
    page.get_by_label("Days").fill("15")
    page.get_by_role("button", name="Start flare-up mode").click()
    expect(
        page.get_by_text("Choose a number of days from 1 to 14, for example 3.").first
    ).to_be_visible()
    expect(page.get_by_label("Days")).to_have_attribute("aria-invalid", "true")
    assert not FlareUp.objects.exists()
    assert axe_violations(page) == []
