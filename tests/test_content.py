"""What BackCare says follows the guidance on low back pain (NICE NG59, the NHS, WHO 2023,
the Lancet 2018 series): a walk over every page of the URL conf, and over every string
in exercises/content.py, finds none of the phrasings the guidance warns against; the red
flags are the guidance's two tiers, on the safety check and /learn/, with "your local
emergency number"; the back facts name their sources; each exercise says who should
check first.

The forbidden phrasings (FORBIDDEN below), and why:
- a blanket "stop if anything hurts" (and its variants): it feeds fear of movement; the
  stop rules are specific (sharp pain, pain down a leg, new numbness or weakness, clearly
  worse the next day);
- advice to rest the back or stay in bed ("rest your back", "bed rest", "give your back
  some rest"…): the guidance is to stay active;
- claims to cure, heal, diagnose or treat (unless denied, as in "doesn't diagnose"),
  "pain-free", "proven", "guaranteed", "miracle": BackCare makes modest claims;
- posture blame ("bad posture", "poor posture") and "no pain, no gain" / "push through
  the pain".
"""

import re
from datetime import date, timedelta
from html import unescape

import pytest
from django.urls import get_resolver, reverse

from exercises import content
from exercises.models import Exercise, ExerciseCheck, FlareUp, SessionLog

from .test_production import (
    lived_in_account,  # noqa: F401 (a fixture, used by name)
    url_arguments,
    walk_patterns,
)

pytestmark = pytest.mark.django_db

FORBIDDEN = [
    r"stop if (anything|it|something|an exercise) hurts",
    r"stop (any|an|the)? ?(exercises?|anything|movements?) (that|which) hurts?",
    r"if (it|something|anything) hurts,? stop",
    r"\bbed rest\b",
    r"\b(rest|stay|staying|lie|lying) in bed\b",
    r"\brest your back\b",
    r"\bgive (your|the) back (a |some )?(rest|break)\b",
    r"\bcur(e|es|ed|ing)\b",
    r"\bheal(s|ed|ing)?\b",
    r"pain[- ]free",
    r"\bproven\b",
    r"\bguarantee",
    r"\bmiracle",
    r"\b(bad|poor|wrong|incorrect) posture\b",
    r"no pain,? no gain",
    r"push (through|past) (the )?pain",
]
# Allowed only when denied ("doesn't diagnose or treat", "can't tell you what…").
DENIED_ONLY = [r"\bdiagnos\w*", r"\btreat(s|ed|ing|ment)?\b"]
NEGATION = re.compile(r"\b(not|never|no|cannot|without)\b|n't\b", re.I)
ONE_COUNTRY = re.compile(r"\b(999|911|112|000|111)\b")


def problems_in(text: str) -> list[str]:
    found = [m.group(0) for p in FORBIDDEN for m in re.finditer(p, text, re.I)]
    for pattern in DENIED_ONLY:
        for match in re.finditer(pattern, text, re.I):
            before = text[max(0, match.start() - 40) : match.start()]
            if not NEGATION.search(before):
                found.append(match.group(0))
    return found


def page_text(body: str) -> str:
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S | re.I)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", body)).split())


def strings_in(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings_in(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from strings_in(item)


def content_strings() -> list[str]:
    return [
        text
        for name, value in vars(content).items()
        if name.isupper()
        for text in strings_in(value)
    ]


def test_the_checker_catches_what_it_should_and_lets_denials_through():
    assert problems_in("Please stop if anything hurts.") == ["stop if anything hurts"]
    assert problems_in("Give your back some rest and easy movement.")
    assert problems_in("Stop any exercise that hurts.")
    assert problems_in("These exercises cure back pain.")
    assert problems_in("We diagnose your pain.") == ["diagnose"]
    assert problems_in("It doesn't diagnose or treat any condition.") == []
    assert problems_in("Stop an exercise and get advice if the pain is sharp.") == []
    assert problems_in("Resting for now: Plank.") == []


def test_no_string_in_the_content_breaks_the_rules():
    strings = content_strings()
    assert len(strings) > 200
    bad = {text: problems_in(text) for text in strings if problems_in(text)}
    assert bad == {}
    assert [text for text in strings if ONE_COUNTRY.search(text)] == []


@pytest.fixture
def account_with_everything(user, lived_in_account, make_routine):  # noqa: F811
    """The production tests' lived-in account, plus pain rising in its last two sessions,
    an exercise that hurt twice, and versions in a routine."""
    from django.utils import timezone

    routine = lived_in_account["routine"]
    today = lived_in_account["today"]
    for back, (before, after) in ((1, (2, 5)), (0, (3, 7))):
        SessionLog.objects.filter(
            owner=user, routine=routine, date=today - timedelta(days=back)
        ).update(pain_before=before, pain_after=after, finished_at=timezone.now())
    item = lived_in_account["item"]
    for back in (2, 1):
        session = SessionLog.objects.get(
            owner=user, routine=routine, date=today - timedelta(days=back)
        )
        session.set_check(item.exercise, ExerciseCheck.Status.HURT, item=item)
    versions = make_routine(user, "Versions", days=range(7), slugs=("knee-rolls", "full-plank"))
    return {**lived_in_account, "versions": versions}


def walk(client, user, account) -> dict[str, str]:
    """Every page of the URL conf, as plain text (GET, and GET as HTMX)."""
    texts = {}
    for name, converters in walk_patterns(get_resolver()):
        url = reverse(name, kwargs=url_arguments(converters, user, account))
        for headers in ({}, {"HX-Request": "true"}):
            response = client.get(url, headers=headers)
            if response.status_code == 200 and not response.streaming:
                texts[f"{url} {headers}"] = page_text(response.content.decode())
    return texts


def test_no_page_says_stop_if_anything_hurts_or_advises_rest(client, user, account_with_everything):
    account = account_with_everything
    pages = {}
    pages.update({f"anonymous {k}": v for k, v in walk(client, user, account).items()})
    client.force_login(user)
    pages.update(walk(client, user, account))
    # The same again in flare-up mode, and the pages only a POST shows.
    FlareUp.objects.create(owner=user, start=account["today"], last_day=account["today"])
    pages.update({f"flare {k}": v for k, v in walk(client, user, account).items()})
    item = account["item"]
    hurt = client.post(f"/day/{account['today']}/items/{item.pk}/hurt/", HTTP_HX_REQUEST="true")
    pages["second hurt"] = page_text(hurt.content.decode())
    for slug in ("both-legs", "fever", "cancer-history"):
        answers = {f["slug"]: "yes" if f["slug"] == slug else "no" for f in content.RED_FLAGS}
        result = client.post(reverse("exercises:safety_check"), answers)
        pages[f"safety result {slug}"] = page_text(result.content.decode())
    pages["safety none"] = page_text(
        client.post(reverse("exercises:safety_check"), {"answer": "none"}).content.decode()
    )
    assert len(pages) > 60
    assert any("Flare-up mode" in text for text in pages.values())
    assert "It hurt twice in two weeks" in pages["second hurt"]
    assert {url: problems_in(text) for url, text in pages.items() if problems_in(text)} == {}
    for name in ("safety result both-legs", "second hurt"):
        assert "Call your local emergency number" in pages[name]
        assert not ONE_COUNTRY.search(pages[name])


# --- The warning signs ---------------------------------------------------------------------


def tier_section(page: str, tier: str) -> str:
    start = page.index(f'id="red-flags-{tier}"')
    return page[start : page.index("</section>", start)]


def test_learn_lists_each_red_flag_sign_in_its_tier(client, db):
    page = unescape(client.get(reverse("exercises:learn")).content.decode())
    for flag in content.RED_FLAGS:
        assert flag["sign"] in tier_section(page, flag["tier"])
        other = "today" if flag["tier"] == "emergency" else "emergency"
        assert flag["sign"] not in tier_section(page, other)
    emergency = tier_section(page, "emergency")
    assert "Get emergency help now" in emergency
    assert "Call your local emergency number" in emergency
    assert "See a doctor today" in tier_section(page, "today")


def test_the_emergency_tier_holds_the_signs_the_guidance_lists():
    signs = {f["slug"]: f["sign"] for f in content.RED_FLAGS}
    tiers = {f["slug"]: f["tier"] for f in content.RED_FLAGS}
    assert "both legs" in signs["both-legs"]
    assert "wipe" in signs["saddle-numbness"]
    assert "sexual" in signs["sexual-function"]
    assert {s for s, t in tiers.items() if t == "emergency"} == {
        "saddle-numbness",
        "bladder-bowel",
        "both-legs",
        "sexual-function",
    }
    assert {s for s, t in tiers.items() if t == "today"} == {
        "fever",
        "weight-loss",
        "fall-or-accident",
        "night-pain",
        "cancer-history",
        "very-unwell",
    }


def test_the_stop_rules_are_specific_and_everywhere_people_read_about_pain():
    rules = " ".join(content.STOP_RULES)
    for words in ("sharp", "spreads down a leg", "numbness", "weakness", "worse the next day"):
        assert words in rules
    for text in (
        content.DISCLAIMER_LONG,
        content.HURT_GUIDANCE["text"],
        content.EASE_OFF_NOTICE["text"],
        content.HABIT_TIPS[2]["text"],
    ):
        assert "sharp" in text
        assert "spreads down a leg" in text
        assert "numbness or weakness" in text


# --- Back facts ----------------------------------------------------------------------------


def test_about_a_dozen_short_back_facts_each_with_a_source():
    assert 10 <= len(content.BACK_FACTS) <= 15
    for fact in content.BACK_FACTS:
        assert fact["source"] in {"NICE", "NHS", "WHO"}
        assert len(fact["text"]) <= 200
    sources = {fact["source"] for fact in content.BACK_FACTS}
    assert sources == {"NICE", "NHS", "WHO"}
    everything = " ".join(f["text"] for f in content.BACK_FACTS).lower()
    for topic in ("hurt is not harm", "active", "pacing", "sleep", "12 weeks", "emergency"):
        assert topic in everything


def test_learn_shows_every_back_fact_with_its_source(client, db):
    page = unescape(client.get(reverse("exercises:learn")).content.decode())
    facts = page[page.index('id="back-facts"') :]
    facts = facts[: facts.index("</section>")]
    for fact in content.BACK_FACTS:
        assert f'<p>{fact["text"]}</p><p class="fact__source">Source: {fact["source"]}</p>' in (
            facts
        )


def test_today_shows_one_back_fact_a_day_chosen_by_the_users_local_date(
    client, make_user, monkeypatch
):
    from datetime import UTC, datetime

    from django.utils import timezone

    moment = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    london, kiri = make_user("london"), make_user("kiri", time_zone="Pacific/Kiritimati")
    shown = {}
    for user in (london, kiri):
        client.force_login(user)
        page = unescape(client.get("/today/").content.decode())
        box = page[page.index('id="fact-heading"') :]
        shown[user.username] = box[: box.index("</aside>")]
    assert content.back_fact_for(date(2026, 11, 24))["text"] in shown["london"]
    assert content.back_fact_for(date(2026, 11, 25))["text"] in shown["kiri"]  # UTC+14
    assert "Source: " in shown["london"]
    days = [content.back_fact_for(date(2026, 11, 1) + timedelta(days=n)) for n in range(13)]
    assert len({f["text"] for f in days}) == len(content.BACK_FACTS)  # each in turn


# --- Cautions and doses on each exercise ---------------------------------------------------


def test_each_exercise_says_who_should_check_first_as_it_applies(catalog):
    texts = content.CHECK_FIRST
    for exercise in Exercise.objects.all():
        steps = " ".join(exercise.step_list).lower()
        lines = exercise.check_first_list
        if "lie on your back" in steps:
            assert texts["pregnant-back"] in lines, exercise.slug
        if "lie face down" in steps:
            assert any("pregnant" in line for line in lines), exercise.slug
        if exercise.slug in {"knee-to-chest", "double-knee-to-chest", "childs-pose"}:
            assert texts["hip-bending"] in lines, exercise.slug
        if "twist" in exercise.slug or exercise.slug == "knee-rolls":
            assert texts["osteoporosis-twisting"] in lines, exercise.slug
    for key in ("pregnant-back", "pregnant-front", "osteoporosis-bending", "hip-bending"):
        assert any(key in item["check_first"] for item in content.EXERCISES), key


def test_floor_exercises_explain_getting_down_and_up(client, catalog):
    floor = content.FLOOR_TRANSFER
    page = unescape(client.get("/exercises/bridge/").content.decode())
    for step in floor["down"] + floor["up"]:
        assert step in page
    assert floor["title"] not in unescape(client.get("/exercises/wall-angels/").content.decode())
