"""The guided session player in a real browser, on Playwright's fake clock: a whole session
of a hold, a per-side and a reps exercise in seconds; Pause, Add 10 seconds, Skip, Back,
This hurt and End session; a reload mid-session; a tick that fails and is sent again; the
step-through without JavaScript; axe-core; and nothing leaving the host.

Everything starts from Today's Start session link, with the doses the catalog offers:
Child's pose 2 × 20 s hold, Knee-to-chest 2 × 15 s hold each side, Bridge 1 × 5 reps. The
player's defaults: Get ready 5 s, Rest 30 s, Switch sides 5 s, 3 s a rep.
"""

import re

import pytest
from playwright.sync_api import expect

from exercises.models import ExerciseCheck, SessionLog
from tests.browser.conftest import axe_violations, log_in
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

SLUGS = ("childs-pose", "knee-to-chest", "bridge")


@pytest.fixture
def routine(user, make_routine):
    return make_routine(user, "Morning back", days=range(7), slugs=SLUGS)


def checks(user) -> set:
    return set(
        ExerciseCheck.objects.filter(session__owner=user).values_list("exercise__slug", "status")
    )


def once_sent(condition, page):
    """Once the page has sent every tick it holds (the server has them all), check the
    database. The test waits on the page rather than polling the database meanwhile: the
    live server shares the test's in-memory SQLite connection."""
    expect(page.locator("#player")).to_have_attribute("data-unsent", "0")
    said = page.locator("#player-sending").text_content()
    assert condition(), f"the page says: {said!r}"


def open_player(page, live_server, user, routine):
    """Log in, open Today and press Start session, with the page's clock under the test's
    control from the first script on."""
    log_in(page, live_server, user.username, PASSWORD)
    page.clock.install()
    page.goto(f"{live_server.url}/today/")
    page.get_by_role("link", name=f"Start session: {routine.name}").click()
    expect(page).to_have_url(re.compile(rf"/day/\d{{4}}-\d\d-\d\d/routines/{routine.pk}/play/$"))


def phase(page):
    return page.locator("#player-phase")


def timer(page):
    return page.get_by_role("timer")


def start(page):
    page.get_by_role("button", name="Start", exact=True).click()
    expect(phase(page)).to_have_text("Get ready")


def run(page, seconds):
    page.clock.run_for(int(seconds * 1000))


def current_exercise(page):
    return page.locator(".player-step:not([hidden]) h2")


def test_a_whole_session_guides_ticks_and_finishes(page, live_server, user, routine):
    open_player(page, live_server, user, routine)
    expect(current_exercise(page)).to_have_text("Child's pose")
    start(page)
    expect(timer(page)).to_have_text("5")
    expect(page.get_by_role("button", name="Pause")).to_be_focused()
    run(page, 1)
    expect(timer(page)).to_have_text("4")

    # Child's pose: two holds of 20 s with a rest between.
    run(page, 4)
    expect(phase(page)).to_have_text("Hold")
    expect(timer(page)).to_have_text("20")
    run(page, 7)
    expect(timer(page)).to_have_text("13")
    run(page, 13)
    expect(phase(page)).to_have_text("Rest")
    expect(timer(page)).to_have_text("30")
    assert checks(user) == set()  # one set is not the exercise
    run(page, 30)
    expect(phase(page)).to_have_text("Hold")
    expect(page.locator("#player-detail")).to_contain_text("Set 2 of 2")
    run(page, 20)
    once_sent(lambda: checks(user) == {("childs-pose", "done")}, page)

    # Next up: Knee-to-chest, its picture shown, then both sides in full.
    expect(phase(page)).to_have_text("Next up")
    expect(current_exercise(page)).to_have_text("Knee-to-chest stretch")
    expect(page.locator(".player-step:not([hidden]) .picture").first).to_be_visible()
    run(page, 30)
    expect(phase(page)).to_have_text("Get ready")
    run(page, 5)
    expect(phase(page)).to_have_text("Hold")
    expect(page.locator("#player-detail")).to_contain_text("first side")
    run(page, 15 + 30 + 15)
    expect(phase(page)).to_have_text("Switch sides")
    mirrored = page.locator(".player-step:not([hidden]) .picture--mirrored")
    expect(mirrored).to_be_visible()
    run(page, 5)
    expect(phase(page)).to_have_text("Hold")
    expect(page.locator("#player-detail")).to_contain_text("second side")
    assert ("knee-to-chest", "done") not in checks(user)
    run(page, 15 + 30 + 15)
    once_sent(lambda: ("knee-to-chest", "done") in checks(user), page)

    # Bridge: five reps at three seconds each, counted down.
    expect(current_exercise(page)).to_have_text("Bridge")
    run(page, 30 + 5)
    expect(phase(page)).to_have_text("Reps")
    expect(timer(page)).to_have_text("5")
    run(page, 3)
    expect(timer(page)).to_have_text("4")
    run(page, 12)
    expect(phase(page)).to_have_text("Done")
    once_sent(lambda: ("bridge", "done") in checks(user), page)
    assert checks(user) == {("childs-pose", "done"), ("knee-to-chest", "done"), ("bridge", "done")}

    # Done leads straight to "How did it go?".
    finish = page.locator("#player-finish")
    expect(finish.get_by_role("heading", name="How did it go?")).to_be_focused()
    finish.get_by_role("group", name="Pain after").get_by_label("2", exact=True).check()
    finish.get_by_role("group", name="Effort").get_by_label("3", exact=True).check()
    finish.get_by_role("button", name="Finish session").click()
    expect(page).to_have_url(f"{live_server.url}/today/#routine-{routine.pk}")
    expect(page.get_by_role("status").first).to_contain_text("Well done")
    for name in ("Child's pose", "Knee-to-chest stretch", "Bridge"):
        expect(page.get_by_role("checkbox", name=name)).to_be_checked()
    session = SessionLog.objects.get(owner=user, routine=routine)
    assert session.finished
    assert (session.pain_after, session.effort) == (2, 3)
    assert page.external_requests == []


def test_pause_freezes_the_timer_and_resuming_a_hold_counts_in(page, live_server, user, routine):
    open_player(page, live_server, user, routine)
    start(page)
    run(page, 5 + 5)
    expect(timer(page)).to_have_text("15")
    page.keyboard.press("Space")  # focus is on Pause, and Space pauses
    expect(page.get_by_role("button", name="Resume")).to_be_focused()
    expect(phase(page)).to_have_text("Paused")
    run(page, 60)
    expect(timer(page)).to_have_text("15")
    page.get_by_role("button", name="Resume").click()
    expect(phase(page)).to_have_text("Get ready")
    expect(timer(page)).to_have_text("3")
    run(page, 3)
    expect(phase(page)).to_have_text("Hold")
    expect(timer(page)).to_have_text("15")
    run(page, 5)
    expect(timer(page)).to_have_text("10")


def test_add_ten_seconds_adds_ten(page, live_server, user, routine):
    open_player(page, live_server, user, routine)
    start(page)
    run(page, 5 + 2)
    expect(timer(page)).to_have_text("18")
    page.get_by_role("button", name="Add 10 seconds").click()
    expect(timer(page)).to_have_text("28")
    run(page, 27)
    expect(phase(page)).to_have_text("Hold")
    run(page, 1)
    expect(phase(page)).to_have_text("Rest")


def test_skip_moves_on_without_ticking_and_back_returns(page, live_server, user, routine):
    open_player(page, live_server, user, routine)
    start(page)
    page.get_by_role("button", name="Skip").click()
    expect(phase(page)).to_have_text("Next up")
    expect(current_exercise(page)).to_have_text("Knee-to-chest stretch")
    page.get_by_role("button", name="Back").click()
    expect(phase(page)).to_have_text("Get ready")
    expect(current_exercise(page)).to_have_text("Child's pose")
    page.get_by_role("button", name="Skip").click()
    page.get_by_role("button", name="Skip").click()
    expect(current_exercise(page)).to_have_text("Bridge")
    page.get_by_role("button", name="Skip").click()
    expect(phase(page)).to_have_text("Done")
    expect(page.locator("#player-summary")).to_contain_text("Bridge: not done")
    once_sent(lambda: checks(user) == set(), page)


def test_this_hurt_records_it_shows_the_guidance_and_moves_on(page, live_server, user, routine):
    open_player(page, live_server, user, routine)
    start(page)
    run(page, 6)
    page.get_by_role("button", name="This hurt").click()
    guidance = page.locator("#player-guidance")
    expect(guidance).to_be_visible()
    expect(guidance).to_contain_text("Leave this exercise out for the rest of today")
    expect(phase(page)).to_have_text("Next up")
    expect(current_exercise(page)).to_have_text("Knee-to-chest stretch")
    once_sent(lambda: checks(user) == {("childs-pose", "hurt")}, page)
    run(page, 60)  # the guidance waits to be read
    expect(phase(page)).to_have_text("Next up")
    page.get_by_role("button", name="Continue").click()
    expect(phase(page)).to_have_text("Get ready")
    expect(guidance).to_be_hidden()


def test_end_session_keeps_what_was_done(page, live_server, user, routine):
    open_player(page, live_server, user, routine)
    start(page)
    run(page, 5 + 20 + 30 + 20)
    once_sent(lambda: checks(user) == {("childs-pose", "done")}, page)
    run(page, 10)
    page.get_by_role("button", name="End session").click()
    expect(phase(page)).to_have_text("Done")
    expect(page.locator("#player-finish")).to_be_visible()
    page.goto(f"{live_server.url}/today/")
    expect(page.get_by_role("checkbox", name="Child's pose")).to_be_checked()
    expect(page.get_by_role("checkbox", name="Knee-to-chest stretch")).not_to_be_checked()
    assert checks(user) == {("childs-pose", "done")}


def test_a_reload_mid_session_resumes_at_the_next_unfinished_exercise(
    page, live_server, user, routine
):
    open_player(page, live_server, user, routine)
    start(page)
    run(page, 5 + 20 + 30 + 20)
    once_sent(lambda: checks(user) == {("childs-pose", "done")}, page)
    page.reload()
    expect(current_exercise(page)).to_have_text("Knee-to-chest stretch")
    start(page)
    expect(current_exercise(page)).to_have_text("Knee-to-chest stretch")


def test_a_failed_tick_is_shown_and_sent_again(page, live_server, user, routine):
    open_player(page, live_server, user, routine)
    refused = []

    def offline(route):
        refused.append(route.request.url)
        route.abort()

    page.route("**/check/", offline)
    start(page)
    run(page, 5 + 20 + 30 + 20)
    expect(page.locator("#player-sending")).to_contain_text("Couldn't save Child's pose yet")
    assert refused
    assert checks(user) == set()
    run(page, 1)  # still failing, still trying, and saying so
    expect(page.locator("#player-sending")).to_contain_text("Trying again in 2 s")
    assert len(refused) >= 2
    page.unroute("**/check/", offline)
    run(page, 15)
    once_sent(lambda: checks(user) == {("childs-pose", "done")}, page)
    expect(page.locator("#player-sending")).to_be_hidden()
    expect(phase(page)).to_have_text("Next up")  # the session carried on meanwhile


def test_manual_mode_never_moves_on_by_itself(page, live_server, user, routine):
    user.profile.auto_advance = False
    user.profile.save()
    open_player(page, live_server, user, routine)
    start(page)
    run(page, 120)
    expect(phase(page)).to_have_text("Get ready")
    expect(timer(page)).to_have_text("0")
    page.get_by_role("button", name="Continue").click()
    expect(phase(page)).to_have_text("Hold")
    expect(page.get_by_role("button", name="Pause")).to_be_focused()
    run(page, 300)
    expect(phase(page)).to_have_text("Hold")


def test_the_player_has_no_axe_violations_in_any_phase(page, live_server, user, routine):
    open_player(page, live_server, user, routine)
    assert axe_violations(page) == []
    start(page)
    run(page, 6)
    assert axe_violations(page) == []
    page.get_by_role("button", name="End session").click()
    expect(phase(page)).to_have_text("Done")
    assert axe_violations(page) == []
    assert page.external_requests == []


def test_without_javascript_the_step_through_ticks_and_finishes(
    nojs_page, live_server, user, routine
):
    page = nojs_page
    log_in(page, live_server, user.username, PASSWORD)
    page.goto(f"{live_server.url}/today/")
    page.get_by_role("link", name=f"Start session: {routine.name}").click()
    expect(page.get_by_role("heading", level=2, name="Child's pose")).to_be_visible()
    expect(page.get_by_text("2 × 20 s hold")).to_be_visible()
    page.get_by_role("button", name="Done: Child's pose").click()
    expect(page).to_have_url(re.compile(r"\?step=2$"))
    expect(page.get_by_role("heading", level=2, name="Knee-to-chest stretch")).to_be_visible()
    assert checks(user) == {("childs-pose", "done")}
    page.get_by_role("button", name="Done: Knee-to-chest").click()
    page.get_by_role("button", name="Done: Bridge").click()
    expect(page.get_by_role("heading", name="How did it go?")).to_be_visible()
    page.get_by_role("group", name="Pain after").get_by_label("1", exact=True).check()
    page.get_by_role("button", name="Finish session").click()
    expect(page).to_have_url(f"{live_server.url}/today/#routine-{routine.pk}")
    assert checks(user) == {(slug, "done") for slug in SLUGS}
    assert SessionLog.objects.get(owner=user, routine=routine).pain_after == 1
    assert page.external_requests == []


# What the page asks of the browser's speech, sound, vibration and wake lock, recorded.
RECORD_CUES = """
window.cues = {said: [], tones: 0, buzzes: 0, locks: 0};
speechSynthesis.speak = (u) => window.cues.said.push(u.text);
navigator.vibrate = () => { window.cues.buzzes += 1; return true; };
const make = AudioContext.prototype.createOscillator;
AudioContext.prototype.createOscillator = function () {
  window.cues.tones += 1;
  return make.call(this);
};
"""


def test_cues_speak_sound_and_buzz_and_the_sound_toggle_silences_them(
    page, live_server, user, routine
):
    page.add_init_script(RECORD_CUES)
    open_player(page, live_server, user, routine)
    start(page)
    run(page, 5 + 20 + 30 + 20 + 30 + 5 + 15 + 30 + 15 + 2)
    expect(phase(page)).to_have_text("Switch sides")
    cues = page.evaluate("window.cues")
    assert cues["said"] == [
        "Child's pose. Two holds of twenty seconds.",
        "Rest.",
        "Next up: Knee-to-chest stretch.",
        "Knee-to-chest stretch. Two holds of fifteen seconds, each side.",
        "Rest.",
        "Switch sides.",
    ]
    assert cues["tones"] > 20
    assert cues["buzzes"] >= 6
    page.get_by_role("button", name="Sound").click()
    expect(page.get_by_role("button", name="Sound")).to_have_attribute("aria-pressed", "false")
    run(page, 60)
    after = page.evaluate("window.cues")
    assert after["said"] == cues["said"]
    assert after["tones"] == cues["tones"]


def test_cues_turned_off_in_settings_stay_off(page, live_server, user, routine):
    profile = user.profile
    profile.cue_tones = profile.cue_speech = profile.cue_vibration = False
    profile.save()
    page.add_init_script(RECORD_CUES)
    open_player(page, live_server, user, routine)
    start(page)
    expect(page.get_by_role("button", name="Sound")).to_have_attribute("aria-pressed", "false")
    run(page, 90)
    assert page.evaluate("window.cues") == {"said": [], "tones": 0, "buzzes": 0, "locks": 0}


def test_the_screen_is_kept_on_and_the_lock_comes_back_when_the_page_does(
    page, live_server, user, routine
):
    page.add_init_script(
        """
        window.locks = [];
        Object.defineProperty(navigator, "wakeLock", {value: {request: (kind) => {
          const lock = new EventTarget();
          lock.release = () => lock.dispatchEvent(new Event("release"));
          window.locks.push(lock);
          return Promise.resolve(lock);
        }}});
        """
    )
    open_player(page, live_server, user, routine)
    start(page)
    page.wait_for_function("window.locks.length === 1")
    # The browser lets the lock go while the page is hidden; back in view, it is asked again.
    page.evaluate(
        "window.locks[0].release(); document.dispatchEvent(new Event('visibilitychange'))"
    )
    page.wait_for_function("window.locks.length === 2")
    expect(page.locator("#player-wake")).to_be_hidden()


def test_without_a_wake_lock_the_page_says_so_once(page, live_server, user, routine):
    page.add_init_script("delete Navigator.prototype.wakeLock")
    open_player(page, live_server, user, routine)
    start(page)
    note = page.locator("#player-wake")
    expect(note).to_contain_text("can't keep the screen on by itself")
    page.evaluate("document.dispatchEvent(new Event('visibilitychange'))")
    expect(note).to_have_count(1)
    expect(page.locator("text=can't keep the screen on")).to_have_count(1)


def test_reduced_motion_shows_plain_numbers_and_still_positions(page, live_server, user, routine):
    page.emulate_media(reduced_motion="reduce")
    open_player(page, live_server, user, routine)
    start(page)
    run(page, 6)
    expect(page.locator(".player__ring")).to_be_hidden()
    expect(timer(page)).to_be_visible()
    shown = page.locator(".player-step:not([hidden])")
    expect(shown.locator(".picture__motion").first).to_be_hidden()
    expect(shown.locator(".picture__frames").first).to_be_visible()


def test_every_control_is_at_least_48_pixels(page, live_server, user, routine):
    open_player(page, live_server, user, routine)
    start(page)
    for name in ("Pause", "Add 10 seconds", "Skip", "Back", "This hurt", "End session", "Sound"):
        box = page.get_by_role("button", name=name, exact=True).bounding_box()
        assert min(box["height"], box["width"]) >= 48, (name, box)


def test_with_the_browsers_own_sound_and_speech_a_session_runs_without_errors(
    page, live_server, user, routine
):
    """No stubs: Chromium's own Web Audio, speech synthesis and wake lock, headless."""
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    open_player(page, live_server, user, routine)
    start(page)
    assert page.evaluate("typeof AudioContext") == "function"
    for _ in range(8):
        run(page, 40)
    expect(phase(page)).to_have_text("Done")
    assert errors == []
    once_sent(lambda: len(checks(user)) == 3, page)


def test_tap_when_done_waits_for_each_set_of_reps(page, live_server, user, make_routine):
    user.profile.count_reps = False
    user.profile.save()
    routine = make_routine(user, "Reps only", days=range(7), slugs=("bridge",))
    open_player(page, live_server, user, routine)
    start(page)
    run(page, 5)
    expect(phase(page)).to_have_text("Reps")
    expect(timer(page)).to_have_text("5")
    expect(page.locator("#player-detail")).to_contain_text("Press Continue when you've done them")
    run(page, 120)
    expect(phase(page)).to_have_text("Reps")
    page.get_by_role("button", name="Continue").click()
    expect(phase(page)).to_have_text("Done")
    once_sent(lambda: checks(user) == {("bridge", "done")}, page)


def test_phase_changes_are_announced_and_pictures_hold_still_while_paused(
    page, live_server, user, routine
):
    open_player(page, live_server, user, routine)
    start(page)
    live = page.locator("#player-live")
    expect(live).to_have_text("Get ready: Child's pose, 2 × 20 s hold.")
    run(page, 5)
    expect(live).to_have_text("Hold.")
    run(page, 3)
    expect(live).to_have_text("Hold.")  # not every second
    moving = """[...document.querySelectorAll('.player-step:not([hidden]) .picture__motion')]
        .flatMap(p => p.getAnimations({subtree: true}))
        .filter(a => a.playState === 'running').length"""
    assert page.evaluate(moving) > 0
    page.get_by_role("button", name="Pause").click()
    expect(live).to_have_text("Paused.")
    assert page.evaluate(moving) == 0
