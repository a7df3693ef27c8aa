"""Exercise pictures: a moving picture where people learn the movement, stills elsewhere.

    {% load pictures %}
    {% exercise_picture exercise "page" %}      the exercise page: large, moving, captioned
    {% exercise_picture exercise "player" %}    the guided player: moving, no caption
    {% exercise_picture exercise "player" mirrored=True %}   ...the second side
    {% exercise_picture exercise "card" %}      catalog card: still of the key position
    {% exercise_picture exercise "row" %}       routine editor and Today rows: small still
    {% exercise_picture exercise "thumb" %}     "variations" and "goes well with" lists

Each picture is one SVG file, static/img/exercises/<slug>.svg, holding every position of
the movement as a `<g class="frame">` with a `<title>` saying what it shows (drawn by
docs/pictures/draw.py). The stills are plain `<img>`s of the file, which shows only the
key position. "page" and "player" inline the file's drawing into the page so that
static/css/pictures.css (one keyframe track per body part) can animate it and the page's
`document.getAnimations()` sees the animation: an animation inside an `<img>` is out of
the page's reach, and the strict CSP forbids a `<style>` in the page, so the inlined copy
carries no `<style>` and takes its colours from the page's stylesheet. Under
`prefers-reduced-motion: reduce` (and in a browser that cannot morph paths) the page
shows the positions side by side instead, labelled Start, Then, End, and nothing moves.

`mirrored=True` flips the figure left to right (for the other side of a per-side
exercise) and swaps "left" and "right" in the caption; it works with every size. The
caption is on for "page" and off for "player"; `caption=True/False` overrides it.

A file is read and parsed once per process. A picture whose file is missing (an image
path mistyped in the admin) leaves the stills out and shows its alt text on the page,
rather than breaking the page.
"""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from django import template
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

register = template.Library()

SVG_NS = "{http://www.w3.org/2000/svg}"

# size: (CSS class, width, height) of the still; the moving sizes use the file's viewBox.
STILLS = {"card": (320, 200), "row": (56, 35), "thumb": (64, 40)}
MOVING = ("page", "player")

# Attributes that belong to the file, not to a copy inlined into a page: ids would clash
# when a picture appears twice, and the file's display="none" hides non-key positions.
DROPPED_ATTRIBUTES = {"id", "display", "data-label"}


@dataclass(frozen=True)
class Frame:
    id: str
    label: str
    caption: str
    figure: str  # the drawing of the body in this position
    arrows: str  # the arrows shown with this position when it stands still

    @property
    def markup(self) -> str:
        return self.figure + self.arrows


@dataclass(frozen=True)
class Picture:
    view_box: str
    background: str  # the backdrop and the scenery behind the figure
    foreground: str  # scenery in front of the figure (floor, mat, wall)
    frames: tuple[Frame, ...]
    motion_arrows: str

    @property
    def steps(self) -> tuple[Frame, ...]:
        """The positions of the movement, in order (a "harder" version is not one)."""
        return tuple(f for f in self.frames if f.id != "harder")

    @property
    def harder(self) -> Frame | None:
        return next((f for f in self.frames if f.id == "harder"), None)


def _local(tag: str) -> str:
    return tag.removeprefix(SVG_NS)


def _markup(element: ET.Element, skip=("title", "style")) -> str:
    """An element and its children as SVG markup for an HTML page."""
    tag = _local(element.tag)
    if tag in skip:
        return ""
    attributes = "".join(
        f' {name}="{escape(value)}"'
        for name, value in element.attrib.items()
        if name not in DROPPED_ATTRIBUTES and not name.startswith("data-")
    )
    inner = escape(element.text or "").strip() + "".join(_markup(child, skip) for child in element)
    return f"<{tag}{attributes}>{inner}</{tag}>"


def _children(element: ET.Element) -> str:
    return "".join(_markup(child) for child in element)


@functools.cache
def load_picture(path: str) -> Picture | None:
    """The parsed picture at a static path ("img/exercises/bridge.svg"), or None."""
    found = finders.find(path)
    if not found:
        return None
    root = ET.parse(found).getroot()
    background, foreground, motion = [], "", ""
    frames = []
    for child in root:
        tag, css_class = _local(child.tag), child.get("class", "")
        if tag in ("title", "style"):
            continue
        if css_class == "frame":
            title = child.find(f"{SVG_NS}title")
            drawn = [c for c in child if _local(c.tag) != "title"]
            frames.append(
                Frame(
                    id=child.get("id", ""),
                    label=child.get("data-label", ""),
                    caption=(title.text or "").strip() if title is not None else "",
                    figure="".join(_markup(c) for c in drawn if c.get("class") != "arrows"),
                    arrows="".join(_markup(c) for c in drawn if c.get("class") == "arrows"),
                )
            )
        elif css_class == "scene-front":
            foreground = _markup(child)
        elif css_class == "motion-arrows":
            motion = _children(child)
        elif not frames:
            background.append(_markup(child))
    return Picture(
        view_box=root.get("viewBox", "0 0 320 200"),
        background="".join(background),
        foreground=foreground,
        frames=tuple(frames),
        motion_arrows=motion,
    )


_SIDES = re.compile(r"\b(left|right|Left|Right)\b")
_SWAP = {"left": "right", "right": "left", "Left": "Right", "Right": "Left"}


def mirror_words(text: str) -> str:
    """The same sentence for the other side: left and right swapped."""
    return _SIDES.sub(lambda m: _SWAP[m.group(0)], text)


def _svg(picture: Picture, body: str, css_class: str) -> str:
    return (
        f'<svg class="{css_class}" viewBox="{picture.view_box}" aria-hidden="true" '
        f'focusable="false" fill="none" stroke-linecap="round" stroke-linejoin="round">'
        f"{picture.background}{body}{picture.foreground}</svg>"
    )


def _caption_line(caption: str, mirrored: bool) -> str:
    text = mirror_words(caption) if mirrored else caption
    head, sep, rest = text.partition(":")
    if not sep:
        return format_html("<p>{}</p>", text)
    return format_html("<p><strong>{}:</strong>{}</p>", head, rest)


def moving_picture(exercise, picture: Picture, size: str, mirrored: bool, caption: bool):
    slug = exercise.slug
    classes = f"picture picture--{size} picture--{slug}"
    if mirrored:
        classes += " picture--mirrored"
    steps = picture.steps
    # The moving figure is the first position's drawing; pictures.css moves each part.
    motion = _svg(picture, steps[0].figure + picture.motion_arrows, "picture__motion")
    frames = "".join(
        f'<div class="picture__frame">{_svg(picture, frame.markup, "picture__still")}'
        f'<span class="picture__label">{escape(frame.label)}</span></div>'
        for frame in steps
    )
    alt = escape(mirror_words(exercise.image_alt) if mirrored else exercise.image_alt)
    parts = [
        f'<figure class="{classes}">',
        f'<div class="picture__art" role="img" aria-label="{alt}">{motion}',
        f'<div class="picture__frames" aria-hidden="true">{frames}</div></div>',
    ]
    harder = picture.harder
    if harder is not None and caption:
        parts.append(
            f'<div class="picture__harder" aria-hidden="true">'
            f"{_svg(picture, harder.markup, 'picture__still')}"
            f'<span class="picture__label">{escape(harder.label)}</span></div>'
        )
    if caption:
        lines = [_caption_line(frame.caption, mirrored) for frame in picture.frames]
        parts.append(f'<figcaption class="picture__caption">{"".join(lines)}</figcaption>')
    parts.append("</figure>")
    return mark_safe("".join(parts))


def _url(path: str) -> str | None:
    try:
        return static(path)
    except ValueError:  # not among the collected static files
        return None


def still_picture(exercise, size: str, mirrored: bool, eager: bool = False):
    url = _url(exercise.image)
    if url is None:
        return ""
    width, height = STILLS.get(size, STILLS["card"])
    classes = f"picture-still picture-still--{size}"
    if mirrored:
        classes += " picture--mirrored"
    # Cards below the fold load as they come into view; the first one is usually the
    # largest thing on the screen, so it loads at once and first.
    loading = ""
    if size == "card":
        loading = ' fetchpriority="high"' if eager else ' loading="lazy"'

    return format_html(
        '<img src="{}" alt="" width="{}" height="{}" class="{}"{}>',
        url,
        width,
        height,
        classes,
        mark_safe(loading),
    )


@register.simple_tag
def exercise_picture(exercise, size="card", mirrored=False, caption=None, eager=False):
    """See the module docstring: `size` is page, player, card, row or thumb; `eager`
    for a card at the top of the page."""
    if size in MOVING:
        picture = load_picture(exercise.image)
        if picture is not None and picture.steps:
            show_caption = size == "page" if caption is None else bool(caption)
            return moving_picture(exercise, picture, size, bool(mirrored), show_caption)
        return format_html(
            '<figure class="picture picture--{}"><figcaption class="picture__caption">{}'
            "</figcaption></figure>",
            size,
            exercise.image_alt,
        )
    return still_picture(exercise, size, bool(mirrored), bool(eager))
