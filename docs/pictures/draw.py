"""Draw the ten exercise pictures: static/img/exercises/<slug>.svg and static/css/pictures.css.

    .venv/bin/python docs/pictures/draw.py

Each SVG holds the scenery (floor, mat, wall, chair) and one group per position of the
movement (`<g class="frame" id="start">`, ..., each with a `<title>` saying what it shows
and `data-label` for its visible label). Shown with `<img>`, a file shows only its key
position (the others carry `display="none"`), in colours set by presentation attributes
and, for dark mode, its own small `<style>`. The exercise page and the player inline the
file (exercises/templatetags/pictures.py) and animate it with pictures.css, which this
script writes from the same poses: one `@keyframes` per body part, morphing its path.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from figure import HALO, Part, Pose, Scene, ease, fmt
from scenes import SCENES

ROOT = Path(__file__).resolve().parents[2]
IMAGES = ROOT / "static" / "img" / "exercises"
CSS = ROOT / "static" / "css" / "pictures.css"

# Light colours as presentation attributes (they work even where a CSP would block the
# file's <style>); dark mode comes from the <style>. The page's stylesheet uses the same
# classes with the app's custom properties when a picture is inlined.
LIGHT = {
    "bg": "#eef3f2",
    "mat": "#d6e5e2",
    "floor": "#a9bcb8",
    "prop": "#b5c6c3",
    "prop-line": "#8ea5a1",
    "fig": "#24545a",
    "fig2": "#7d9fa1",
    "mark": "#c0603a",
    "arrow": "#b0522c",
}
LIGHT["halo"] = LIGHT["groove"] = LIGHT["bg"]
DARK = {
    "bg": "#1d2c2a",
    "mat": "#2a403d",
    "floor": "#4f6a66",
    "prop": "#3a524e",
    "prop-line": "#5d7a75",
    "fig": "#d3ebe6",
    "fig2": "#7f9f9b",
    "mark": "#f0a07e",
    "arrow": "#f0a07e",
}


def style_block() -> str:
    d = DARK
    return (
        "<style>@media (prefers-color-scheme:dark){"
        f".bg{{fill:{d['bg']}}}.mat{{fill:{d['mat']}}}.floor{{stroke:{d['floor']}}}"
        f".prop{{fill:{d['prop']}}}.prop-line{{stroke:{d['prop-line']}}}"
        f".halo,.groove{{stroke:{d['bg']}}}.fig{{stroke:{d['fig']}}}.fig2{{stroke:{d['fig2']}}}"
        f".solid{{stroke:none}}.solid.fig{{fill:{d['fig']}}}.solid.fig2{{fill:{d['fig2']}}}"
        f".mark{{stroke:{d['mark']}}}.gap{{fill:{d['mark']}}}"
        f".arrow{{stroke:{d['arrow']}}}.arrow-head{{fill:{d['arrow']}}}"
        "}</style>"
    )


TONE_CLASS = {"near": "fig", "far": "fig2", "mark": "mark", "gap": "gap", "line-bg": "groove"}


def part_markup(part: Part, prefix: str) -> str:
    name = f"{prefix}{part.name}"
    tone = TONE_CLASS[part.tone]
    out = []
    if part.kind == "line":
        if part.halo:
            out.append(
                f'<path class="halo {name}" d="{part.d}" stroke="{LIGHT["bg"]}" '
                f'stroke-width="{fmt(part.width + 2 * HALO)}"/>'
            )
        colour = LIGHT[tone] if tone in LIGHT else LIGHT["mark"]
        extra = ""
        if part.tone == "mark":
            extra = ' stroke-dasharray="2 6"'
        out.append(
            f'<path class="{tone} {name}" d="{part.d}" stroke="{colour}" '
            f'stroke-width="{fmt(part.width)}"{extra}/>'
        )
    else:  # a filled shape
        if part.halo:
            out.append(
                f'<path class="halo {name}" d="{part.d}" stroke="{LIGHT["bg"]}" '
                f'stroke-width="{fmt(2 * HALO)}"/>'
            )
        if part.tone == "gap":
            out.append(
                f'<path class="gap {name}" d="{part.d}" fill="{LIGHT["mark"]}" '
                f'fill-opacity=".6" stroke="none"/>'
            )
        else:
            out.append(
                f'<path class="solid {tone} {name}" d="{part.d}" fill="{LIGHT[tone]}" '
                f'stroke="none"/>'
            )
    return "".join(out)


def arrow_markup(shaft: str, head: str) -> str:
    if not head:  # a dotted cue line: where a stretch is felt
        return (
            f'<path class="arrow" d="{shaft}" fill="none" stroke="{LIGHT["arrow"]}" '
            f'stroke-width="3.2" stroke-linecap="round" stroke-dasharray="0.1 7"/>'
        )
    return (
        f'<path class="arrow" d="{shaft}" fill="none" stroke="{LIGHT["arrow"]}" '
        f'stroke-width="3" stroke-linecap="round"/>'
        f'<path class="arrow-head" d="{head}" fill="{LIGHT["arrow"]}"/>'
    )


def figure_markup(scene: Scene, poses: dict[str, Pose]) -> str:
    out = []
    for fig in scene.figures:
        parts = fig.build(poses[fig.name])
        body = "".join(part_markup(parts[name], fig.prefix) for name in fig.order)
        transform = f' transform="{fig.transform}"' if fig.transform else ""
        out.append(f'<g class="figure"{transform}>{body}</g>')
    return "".join(out)


def svg_file(scene: Scene) -> str:
    x, y, w, h = (fmt(v) for v in scene.box)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{x} {y} {w} {h}" '
        f'fill="none" stroke-linecap="round" stroke-linejoin="round">',
        f"<title>{scene.title}</title>",
        style_block(),
        f'<rect class="bg" x="{x}" y="{y}" width="{w}" height="{h}" fill="{LIGHT["bg"]}"/>',
        f'<g class="scene-back">{scene.back}</g>',
    ]
    for frame in scene.frames:
        hidden = "" if frame.id == scene.key else ' display="none"'
        arrows = "".join(arrow_markup(*scene.arrows[name]) for name in frame.arrows)
        out.append(
            f'<g class="frame" id="{frame.id}" data-label="{frame.label}"{hidden}>'
            f"<title>{frame.caption}</title>{figure_markup(scene, frame.poses)}"
            f'<g class="arrows">{arrows}</g></g>'
        )
    out.append(f'<g class="scene-front">{scene.front}</g>')
    motion = "".join(
        f'<g class="arrow-{name}">{arrow_markup(*paths)}</g>'
        for name, paths in scene.arrows.items()
        if any(name in step.arrows for step in scene.timeline)
    )
    out.append(f'<g class="motion-arrows" display="none">{motion}</g>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


# --- The movement as CSS keyframes ------------------------------------------------------------

NUMBER = None


def _numbers(d: str) -> list[float]:
    import re

    global NUMBER
    NUMBER = NUMBER or re.compile(r"-?\d+(?:\.\d+)?")
    return [float(x) for x in NUMBER.findall(d)]


def _removable(prev, mid, nxt, tolerance=0.35) -> bool:
    (p0, d0), (p1, d1), (p2, d2) = prev, mid, nxt
    a, b, c = _numbers(d0), _numbers(d1), _numbers(d2)
    if not (len(a) == len(b) == len(c)):
        return False
    t = (p1 - p0) / (p2 - p0) if p2 > p0 else 0
    return all(abs(y - (x + (z - x) * t)) <= tolerance for x, y, z in zip(a, b, c, strict=True))


def simplify(track: list[tuple[float, str]]) -> list[tuple[float, str]]:
    """Drop keyframes that linear interpolation between their neighbours reproduces."""
    points = list(track)
    changed = True
    while changed:
        changed = False
        i = 1
        while i < len(points) - 1:
            if _removable(points[i - 1], points[i], points[i + 1]):
                del points[i]
                changed = True
            else:
                i += 1
    return points


def samples_for(start: Pose, end: Pose) -> int:
    biggest = max(abs(end.values.get(k, v) - v) for k, v in start.values.items())
    return max(2, min(14, math.ceil(biggest / 7)))


def tracks(scene: Scene):
    """{(figure, part): [(percent, d), ...]} and {arrow: [(percent, opacity)]}."""
    total = scene.loop
    poses_at: list[tuple[float, dict[str, Pose]]] = []
    current = scene.frames[0].poses
    clock = 0.0
    arrow_windows: dict[str, list[tuple[float, float]]] = {}
    for step in scene.timeline:
        start_pct = clock / total * 100
        end_pct = (clock + step.seconds) / total * 100
        for name in step.arrows:
            arrow_windows.setdefault(name, []).append((start_pct, end_pct))
        target = scene.frame(step.frame).poses
        if step.kind == "hold":
            poses_at.append((start_pct, current))
            poses_at.append((end_pct, current))
        else:
            count = max(samples_for(current[f.name], target[f.name]) for f in scene.figures)
            for i in range(count + 1):
                t = i / count
                blended = {
                    f.name: current[f.name].blend(
                        target[f.name], t if step.lag else ease(t), step.lag
                    )
                    for f in scene.figures
                }
                poses_at.append((start_pct + (end_pct - start_pct) * t, blended))
            current = target
        clock += step.seconds
    parts: dict[tuple[str, str], list[tuple[float, str]]] = {}
    for pct, poses in poses_at:
        for fig in scene.figures:
            for name, part in fig.build(poses[fig.name]).items():
                parts.setdefault((fig.prefix, name), []).append((round(pct, 1), part.d))
    cleaned = {}
    for key, track in parts.items():
        # Identical neighbours (holds) and duplicate percentages first, then simplify.
        dedup: list[tuple[float, str]] = []
        for pct, d in track:
            if dedup and dedup[-1][0] == pct:
                dedup[-1] = (pct, d)
            else:
                dedup.append((pct, d))
        simple = simplify(dedup)
        if len({d for _, d in simple}) > 1:
            cleaned[key] = simple
    fades = {}
    for name, windows in arrow_windows.items():
        frames = [(0.0, 0.0)]
        for a, b in windows:
            ramp = min(4.0, (b - a) / 4)
            frames += [(a, 0.0), (a + ramp, 1.0), (b - ramp, 1.0), (b, 0.0)]
        frames.append((100.0, 0.0))
        fades[name] = frames
    return cleaned, fades


def keyframes_css(name: str, track, prop) -> str:
    groups: list[tuple[list[float], str]] = []
    for pct, value in track:
        if groups and groups[-1][1] == value:
            groups[-1][0].append(pct)
        else:
            groups.append(([pct], value))
    body = "".join(
        f"{','.join(fmt(p) + '%' for p in pcts)}{{{prop(value)}}}" for pcts, value in groups
    )
    return f"@keyframes {name}{{{body}}}"


def css(scenes: list[Scene]) -> str:
    out = [
        "/* The movement of each exercise picture, drawn by docs/pictures/draw.py from the",
        "   same poses as static/img/exercises/*.svg: regenerate both together, never edit",
        "   by hand. Each body part's path morphs through its keyframes (CSS `d`). */",
    ]
    for scene in scenes:
        slug = scene.slug
        root = f".picture--{slug} .picture__motion"
        out.append(f".picture--{slug}{{--picture-loop:{fmt(scene.loop)}s}}")
        part_tracks, fades = tracks(scene)
        for (prefix, part), track in part_tracks.items():
            name = f"{slug}-{prefix}{part}"
            out.append(f"{root} .{prefix}{part}{{animation-name:{name}}}")
            out.append(keyframes_css(name, track, lambda d: f'd:path("{d}")'))
        for arrow_name, track in fades.items():
            name = f"{slug}-arrow-{arrow_name}"
            out.append(f"{root} .arrow-{arrow_name}{{animation-name:{name}}}")
            out.append(
                keyframes_css(
                    name, [(round(p, 1), v) for p, v in track], lambda v: f"opacity:{v:g}"
                )
            )
    return "\n".join(out) + "\n"


def main() -> None:
    for scene in SCENES:
        (IMAGES / f"{scene.slug}.svg").write_text(svg_file(scene))
    CSS.write_text(css(SCENES))
    for scene in SCENES:
        size = len((IMAGES / f"{scene.slug}.svg").read_bytes())
        print(f"{scene.slug}: {size} bytes, loop {scene.loop:g}s")
    print(f"pictures.css: {len(CSS.read_bytes())} bytes")


if __name__ == "__main__":
    main()
