"""The figure every exercise picture is drawn with, and the geometry behind it.

One figure for all ten pictures: the same proportions, stroke widths and colours, drawn
from a pose (joint angles and a few positions). A pose gives each body part one SVG path
whose commands never change between poses, so the browser can morph one pose into the
next with a CSS `d: path(...)` animation; the frames in between are computed here by
interpolating joint angles, so limbs keep their length while they swing.

Angles are in degrees in screen coordinates: 0 points right, 90 down, -90 up, 180 left.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field

# Body proportions, in drawing units (the side-view pictures are 320 x 200 units).
L = {
    "torso": 58.0,  # hip joint to the base of the neck
    "neck": 14.0,
    "head": 12.0,  # radius
    "head_gap": 15.0,  # end of the neck to the centre of the head
    "shoulder": 7.0,  # from the base of the neck down the torso to the shoulder joint
    "upper_arm": 31.0,
    "forearm": 27.5,
    "hand": 6.0,
    "thigh": 46.0,
    "shin": 44.0,
    "foot": 15.0,
    "heel": 3.0,
}

W = {
    "torso": 23.0,
    "neck": 9.0,
    "head": 25.0,
    "upper_arm": 9.0,
    "forearm": 8.0,
    "hand": 9.5,
    "thigh": 14.0,
    "shin": 11.5,
    "foot": 8.0,
}

HALO = 2.6  # the background-coloured outline that separates overlapping parts


def polar(point, angle, length):
    rad = math.radians(angle)
    return (point[0] + math.cos(rad) * length, point[1] + math.sin(rad) * length)


def angle_of(a, b):
    return math.degrees(math.atan2(b[1] - a[1], b[0] - a[0]))


def dist(a, b):
    return math.hypot(b[0] - a[0], b[1] - a[1])


def lerp(a, b, t):
    return a + (b - a) * t


def lerp_pt(a, b, t):
    return (lerp(a[0], b[0], t), lerp(a[1], b[1], t))


def two_bone(root, target, l1, l2, bend=1):
    """Angles (first bone, second bone) reaching from root to target; bend=+1 or -1
    chooses which side the middle joint goes."""
    d = dist(root, target)
    d = min(max(d, abs(l1 - l2) + 1e-6), l1 + l2 - 1e-6)
    base = angle_of(root, target)
    cos_a = (l1 * l1 + d * d - l2 * l2) / (2 * l1 * d)
    a = math.degrees(math.acos(max(-1.0, min(1.0, cos_a))))
    first = base - bend * a
    middle = polar(root, first, l1)
    # the second bone points from the middle joint at the (clamped) target
    real_target = polar(root, base, d)
    return first, angle_of(middle, real_target)


def fmt(value):
    text = f"{value:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    if text == "-0":
        text = "0"
    return text


def pt(p):
    return f"{fmt(p[0])} {fmt(p[1])}"


def line_d(a, b):
    return f"M{pt(a)}L{pt(b)}"


def dot_d(a):
    # A zero-length line with round caps draws a disc as wide as the stroke.
    return f"M{pt(a)}L{pt(a)}"


def cubic_d(a, c1, c2, b):
    return f"M{pt(a)}C{pt(c1)} {pt(c2)} {pt(b)}"


@dataclass
class Part:
    """One drawn piece of the figure: `kind` is "line" (a stroke, round caps) or "fill"."""

    name: str
    d: str
    width: float = 0.0
    tone: str = "near"  # near | far | mark | gap
    kind: str = "line"
    halo: bool = True


ANGLE_KEYS = (
    "_upper",
    "_fore",
    "_hand",
    "_thigh",
    "_shin",
    "_foot",
    "torso",
    "neck",
    "head",
    "spine",
)


@dataclass
class Pose:
    """Flat numbers, so that two poses interpolate key by key."""

    values: dict[str, float] = field(default_factory=dict)

    def __getitem__(self, key):
        return self.values[key]

    def get(self, key, default=0.0):
        return self.values.get(key, default)

    def blend(self, other: Pose, t: float, lag: dict[str, float] | None = None) -> Pose:
        """In-between pose; `lag` delays chosen keys (0.3 = starts at 30 % of the move)."""
        out = {}
        for key, start in self.values.items():
            end = other.values.get(key, start)
            if key.endswith(ANGLE_KEYS):  # turn the short way round
                end = start + (end - start + 180) % 360 - 180
            local = t
            for prefix, delay in (lag or {}).items():
                if key.startswith(prefix):
                    local = min(1.0, max(0.0, (t - delay) / (1 - delay)))
            out[key] = lerp(start, end, ease(local) if lag else local)
        return Pose(out)

    def copy(self, **changes) -> Pose:
        return Pose({**self.values, **changes})


def ease(t):
    """Ease-in-out (smoothstep): calm starts and stops."""
    return t * t * (3 - 2 * t)


# --- The side view --------------------------------------------------------------------------


def side_joints(p: Pose) -> dict:
    """Joint positions of a side-view pose.

    Keys: hip (x, y); torso (angle hip -> neck base); bend1, bend2 (how far the spine
    bows at a third and two thirds of its length, to the left of the hip -> neck
    direction, in units); neck (angle); for side in near/far: {side}_thigh, _shin, _foot,
    _upper, _fore, _hand (angles) and {side}_leg_dx (where that leg's hip sits, along the
    torso axis, for a leg seen slightly in front of the other).
    """
    j = {}
    hip = (p["hip_x"], p["hip_y"])
    torso = p["torso"]
    neck_base = polar(hip, torso, L["torso"])
    pelvis = polar(hip, torso - 90 * p.get("face", 1), PELVIS_SHIFT)
    left = torso - 90  # "left" of travel in screen coordinates
    c1 = polar(lerp_pt(pelvis, neck_base, 1 / 3), left, p.get("bend1"))
    c2 = polar(lerp_pt(pelvis, neck_base, 2 / 3), left, p.get("bend2"))
    j.update(hip=hip, pelvis=pelvis, neck_base=neck_base, c1=c1, c2=c2)
    # The spine's direction at the neck end of the curve, for the shoulder joint.
    spine_top = angle_of(c2, neck_base)
    shoulder = polar(neck_base, spine_top + 180, L["shoulder"])
    shoulder = polar(shoulder, spine_top - 90, p.get("shoulder_shift"))
    j["shoulder"] = shoulder
    neck_end = polar(neck_base, p["neck"], L["neck"])
    j["neck_end"] = neck_end
    j["head"] = polar(neck_end, p.get("head", p["neck"]), L["head_gap"])
    for side in ("near", "far"):
        s = shoulder
        # *_upper_k / *_fore_k shorten a bone that points at the viewer (foreshortening).
        elbow = polar(s, p[f"{side}_upper"], L["upper_arm"] * p.get(f"{side}_upper_k", 1))
        wrist = polar(elbow, p[f"{side}_fore"], L["forearm"] * p.get(f"{side}_fore_k", 1))
        knuckle = polar(wrist, p[f"{side}_hand"], L["hand"])
        j[f"{side}_shoulder"], j[f"{side}_elbow"] = s, elbow
        j[f"{side}_wrist"], j[f"{side}_knuckle"] = wrist, knuckle
        h = polar(hip, torso, p.get(f"{side}_leg_dx"))
        knee = polar(h, p[f"{side}_thigh"], L["thigh"])
        ankle = polar(knee, p[f"{side}_shin"], L["shin"])
        foot = p[f"{side}_foot"]
        j[f"{side}_hip"], j[f"{side}_knee"], j[f"{side}_ankle"] = h, knee, ankle
        j[f"{side}_heel"] = polar(ankle, foot + 180, L["heel"])
        j[f"{side}_toe"] = polar(ankle, foot, L["foot"])
    return j


# The torso's depth, front and back of its midline, from the hip (t=0) to the neck (t=1).
SIDE_DEPTH = (
    (0.0, 11.0, 10.5),
    (0.22, 10.0, 10.0),
    (0.45, 9.5, 10.0),
    (0.68, 10.5, 13.5),
    (0.88, 10.0, 12.0),
    (1.0, 7.0, 6.5),
)
PELVIS_SHIFT = 4.0  # the hip joint sits in front of the pelvis's midline


def side_back_edge(p: Pose, j: dict, ts) -> list:
    """Points on the back's surface at spine positions `ts` (0 = hip, 1 = neck)."""
    face = p.get("face", 1)
    hip, c1, c2, top = j["pelvis"], j["c1"], j["c2"], j["neck_base"]
    points = []
    for t in ts:
        for (t0, b0, _), (t1, b1, _) in itertools.pairwise(SIDE_DEPTH):
            if t0 <= t <= t1:
                depth = b0 + (b1 - b0) * (t - t0) / (t1 - t0)
                break
        centre = bezier(hip, c1, c2, top, t)
        tangent = angle_of(
            bezier(hip, c1, c2, top, max(0, t - 0.02)), bezier(hip, c1, c2, top, min(1, t + 0.02))
        )
        points.append(polar(centre, tangent - 90 * face, depth))
    return points


def side_torso(p: Pose, j: dict):
    """Outline points of the torso: back edge from hip to neck, then the front edge back.
    `face` (+1/-1) says which side of the hip -> neck direction the front of the body is."""
    face = p.get("face", 1)
    hip, c1, c2, top = j["pelvis"], j["c1"], j["c2"], j["neck_base"]
    back, front = [], []
    for t, b, fr in SIDE_DEPTH:
        centre = bezier(hip, c1, c2, top, t)
        ahead = bezier(hip, c1, c2, top, min(1, t + 0.02))
        behind = bezier(hip, c1, c2, top, max(0, t - 0.02))
        tangent = angle_of(behind, ahead)
        widen = 1 + p.get("chest_k") * max(0.0, t - 0.4) / 0.6
        back.append(polar(centre, tangent - 90 * face, b))
        front.append(polar(centre, tangent + 90 * face, fr * widen))
    start = angle_of(hip, bezier(hip, c1, c2, top, 0.05))
    end = angle_of(bezier(hip, c1, c2, top, 0.95), top)
    seat = polar(polar(hip, start + 180, 8.5), start - 90 * face, 3)
    crown = polar(top, end, 4)
    return back, front, seat, crown


def side_parts(p: Pose) -> dict[str, Part]:
    j = side_joints(p)
    parts = {}
    for side in ("far", "near"):
        tone = side
        parts[f"{side}-thigh"] = Part(
            f"{side}-thigh", line_d(j[f"{side}_hip"], j[f"{side}_knee"]), W["thigh"], tone
        )
        parts[f"{side}-shin"] = Part(
            f"{side}-shin", line_d(j[f"{side}_knee"], j[f"{side}_ankle"]), W["shin"], tone
        )
        parts[f"{side}-foot"] = Part(
            f"{side}-foot", line_d(j[f"{side}_heel"], j[f"{side}_toe"]), W["foot"], tone
        )
        parts[f"{side}-upper"] = Part(
            f"{side}-upper",
            line_d(j[f"{side}_shoulder"], j[f"{side}_elbow"]),
            W["upper_arm"],
            tone,
        )
        parts[f"{side}-fore"] = Part(
            f"{side}-fore", line_d(j[f"{side}_elbow"], j[f"{side}_wrist"]), W["forearm"], tone
        )
        parts[f"{side}-hand"] = Part(
            f"{side}-hand", line_d(j[f"{side}_wrist"], j[f"{side}_knuckle"]), W["hand"], tone
        )
    back, front, seat, crown = side_torso(p, j)
    outline = [seat, *back, crown, *reversed(front)]
    parts["torso"] = Part("torso", smooth_closed(outline), kind="fill")
    parts["neck"] = Part("neck", line_d(j["neck_base"], j["neck_end"]), W["neck"], "near")
    parts["head"] = Part("head", dot_d(j["head"]), W["head"], "near")
    face = p.get("face", 1)
    # nose_k < 1: the face turns towards the viewer, the nose moves into the head's outline
    nose = polar(
        j["head"], p.get("head", p["neck"]) + 90 * face, (W["head"] / 2 - 1) * p.get("nose_k", 1)
    )
    parts["nose"] = Part("nose", dot_d(nose), 6.5, "near", halo=False)
    return parts


SIDE_ORDER = [
    "far-upper",
    "far-fore",
    "far-hand",
    "far-thigh",
    "far-shin",
    "far-foot",
    "torso",
    "neck",
    "head",
    "nose",
    "near-thigh",
    "near-shin",
    "near-foot",
    "near-upper",
    "near-fore",
    "near-hand",
]


def bezier(a, c1, c2, b, t):
    u = 1 - t
    return (
        u**3 * a[0] + 3 * u * u * t * c1[0] + 3 * u * t * t * c2[0] + t**3 * b[0],
        u**3 * a[1] + 3 * u * u * t * c1[1] + 3 * u * t * t * c2[1] + t**3 * b[1],
    )


# --- Arrows -----------------------------------------------------------------------------------


def arrow(points, head=8.0, spread=5.0):
    """A curved arrow through three points (start, bend, tip): (shaft d, head d)."""
    a, c, b = points
    direction = angle_of(c, b) if dist(c, b) > 1 else angle_of(a, b)
    base = polar(b, direction + 180, head)
    # Quadratic shaft, stopped at the head's base.
    shaft = f"M{pt(a)}Q{pt(c)} {pt(base)}"
    left = polar(base, direction - 90, spread)
    right = polar(base, direction + 90, spread)
    tip = polar(b, direction, 1.0)
    head_d = f"M{pt(left)}L{pt(tip)}L{pt(right)}Z"
    return shaft, head_d


def straight_arrow(a, b, **kw):
    return arrow((a, lerp_pt(a, b, 0.5), b), **kw)


# --- Scenes -------------------------------------------------------------------------------


@dataclass
class Figure:
    """One drawn person in a scene (a scene may show two views of the same movement)."""

    name: str
    build: object  # Pose -> dict[str, Part]
    order: list[str]
    transform: str = ""
    prefix: str = ""


@dataclass
class Frame:
    id: str
    label: str
    caption: str
    poses: dict[str, Pose]
    arrows: list[str] = field(default_factory=list)


@dataclass
class Step:
    """One piece of the loop: hold a frame, or move to a frame."""

    kind: str  # hold | move
    frame: str
    seconds: float
    arrows: list[str] = field(default_factory=list)
    lag: dict[str, float] | None = None


@dataclass
class Scene:
    slug: str
    title: str
    figures: list[Figure]
    frames: list[Frame]
    key: str
    timeline: list[Step]
    arrows: dict[str, tuple[str, str]]
    back: str = ""
    front: str = ""
    view: tuple[float, float, float] = (0, 0, 320)  # x, y, width; height is width / 1.6

    @property
    def box(self) -> tuple[float, float, float, float]:
        x, y, w = self.view
        return x, y, w, w / 1.6

    def frame(self, frame_id: str) -> Frame:
        return next(f for f in self.frames if f.id == frame_id)

    @property
    def loop(self) -> float:
        return sum(step.seconds for step in self.timeline)


def side_pose(
    hip,
    torso,
    neck,
    *,
    bend=(0.0, 0.0),
    head=None,
    near_arm,
    far_arm=None,
    near_leg,
    far_leg=None,
    leg_dx=(0.0, 0.0),
    shoulder_shift=0.0,
    face=1,
) -> Pose:
    """A side-view pose. Limbs are given either as angles (a tuple) or as a target for
    the end joint: {"to": (x, y), "bend": 1 or -1, "end": angle of the hand or foot}."""
    values = {
        "hip_x": hip[0],
        "hip_y": hip[1],
        "torso": torso,
        "bend1": bend[0],
        "bend2": bend[1],
        "neck": neck,
        "head": neck if head is None else head,
        "shoulder_shift": shoulder_shift,
        "face": face,
        "near_leg_dx": leg_dx[0],
        "far_leg_dx": leg_dx[1],
    }
    limbs = {
        "near_arm": near_arm,
        "far_arm": far_arm if far_arm is not None else near_arm,
        "near_leg": near_leg,
        "far_leg": far_leg if far_leg is not None else near_leg,
    }
    for side in ("near", "far"):
        values.update({f"{side}_upper": 0, f"{side}_fore": 0, f"{side}_hand": 0})
        values.update({f"{side}_thigh": 0, f"{side}_shin": 0, f"{side}_foot": 0})
    joints = side_joints(Pose(values))
    for side in ("near", "far"):
        arm = limbs[f"{side}_arm"]
        if isinstance(arm, dict):
            upper, fore = two_bone(
                joints[f"{side}_shoulder"], arm["to"], L["upper_arm"], L["forearm"], arm["bend"]
            )
            hand = arm.get("end") if arm.get("end") is not None else fore
        else:
            upper, fore, hand = arm
        leg = limbs[f"{side}_leg"]
        if isinstance(leg, dict):
            thigh, shin = two_bone(
                joints[f"{side}_hip"], leg["to"], L["thigh"], L["shin"], leg["bend"]
            )
            foot = leg["end"]
        else:
            thigh, shin, foot = leg
        values.update({f"{side}_upper": upper, f"{side}_fore": fore, f"{side}_hand": hand})
        values.update({f"{side}_thigh": thigh, f"{side}_shin": shin, f"{side}_foot": foot})
    return Pose(values)


# --- Smooth outlines for filled shapes ----------------------------------------------------------


def smooth_closed(points) -> str:
    """A closed smooth outline through the midpoints of `points` (quadratic splines with
    the points as controls): the same commands for any points, so shapes morph."""
    n = len(points)
    mids = [lerp_pt(points[i], points[(i + 1) % n], 0.5) for i in range(n)]
    out = [f"M{pt(mids[-1])}"]
    for i in range(n):
        out.append(f"Q{pt(points[i])} {pt(mids[i])}")
    return "".join(out) + "Z"


def smooth_open(points) -> str:
    """An open smooth line from the first to the last point."""
    if len(points) < 3:
        return "M" + "L".join(pt(p) for p in points)
    out = [f"M{pt(points[0])}"]
    for i in range(1, len(points) - 2):
        out.append(f"Q{pt(points[i])} {pt(lerp_pt(points[i], points[i + 1], 0.5))}")
    out.append(f"Q{pt(points[-2])} {pt(points[-1])}")
    return "".join(out)


# --- The front view (the person faces the viewer) ----------------------------------------------
# "right" is the person's right, on the viewer's left.


FRONT_HALF = {"hips": 15.0, "waist": 12.5, "chest": 17.5, "shoulders": 19.0}


def front_joints(p: Pose) -> dict:
    j = {}
    pelvis = (p["hip_x"], p["hip_y"])
    up = p.get("torso", -90)
    neck_base = polar(pelvis, up, L["torso"])
    twist = math.radians(p.get("twist"))  # + turns the chest to the person's left
    j.update(pelvis=pelvis, neck_base=neck_base, up=up)
    half = FRONT_HALF["shoulders"] * math.cos(twist)
    across = up + 90  # towards the viewer's right = the person's left
    shoulder_line = polar(neck_base, up + 180, 5)
    j["shoulder_mid"] = shoulder_line
    j["right_shoulder"] = polar(shoulder_line, across, -half)
    j["left_shoulder"] = polar(shoulder_line, across, half)
    neck_end = polar(neck_base, p.get("neck", up), L["neck"] * 0.8)
    j["neck_end"] = neck_end
    j["head"] = polar(neck_end, p.get("neck", up), L["head_gap"])
    turn = math.radians(p.get("head_turn"))
    j["nose"] = (j["head"][0] + L["head"] * 0.98 * math.sin(turn), j["head"][1] + 1.5)
    for side, sign in (("right", -1), ("left", 1)):
        s = j[f"{side}_shoulder"]
        elbow = polar(s, p[f"{side}_upper"], L["upper_arm"] * p.get(f"{side}_upper_k", 1))
        wrist = polar(elbow, p[f"{side}_fore"], L["forearm"] * p.get(f"{side}_fore_k", 1))
        j[f"{side}_elbow"], j[f"{side}_wrist"] = elbow, wrist
        j[f"{side}_knuckle"] = polar(wrist, p[f"{side}_hand"], L["hand"])
        hip = polar(pelvis, across, sign * 8.5)
        knee = polar(hip, p[f"{side}_thigh"], L["thigh"] * p.get(f"{side}_thigh_k", 1))
        ankle = polar(knee, p[f"{side}_shin"], L["shin"] * p.get(f"{side}_shin_k", 1))
        j[f"{side}_hip"], j[f"{side}_knee"], j[f"{side}_ankle"] = hip, knee, ankle
        j[f"{side}_toe"] = polar(ankle, p[f"{side}_foot"], 7)
    # the body's outline: hips, waist, chest and shoulders on each side
    rows = []
    for t, key, shift in ((0.0, "hips", 0.0), (0.45, "waist", 0.3), (0.78, "chest", 0.8)):
        centre = lerp_pt(pelvis, neck_base, t)
        width = FRONT_HALF[key] * (1 - shift * (1 - math.cos(twist)))
        rows.append((centre, width))
    j["outline_rows"] = rows
    j["across"] = across
    j["twist"] = twist
    return j


def front_parts(p: Pose) -> dict[str, Part]:
    j = front_joints(p)
    across, up = j["across"], j["up"]
    left_side, right_side = [], []
    for centre, width in j["outline_rows"]:
        left_side.append(polar(centre, across, width))
        right_side.append(polar(centre, across, -width))
    top = polar(j["neck_base"], up + 180, 4)
    ls = polar(j["left_shoulder"], up, -3)
    rs = polar(j["right_shoulder"], up, -3)
    outline = [
        polar(j["pelvis"], up + 180, 6),
        *left_side,
        ls,
        polar(top, across, 6),
        polar(top, across, -6),
        rs,
        *reversed(right_side),
    ]
    parts = {
        "torso": Part("torso", smooth_closed(outline), kind="fill"),
        "neck": Part("neck", line_d(j["neck_base"], j["neck_end"]), W["neck"]),
        "head": Part("head", dot_d(j["head"]), W["head"]),
        "nose": Part("nose", dot_d(j["nose"]), 6.0, halo=False),
    }
    # the breastbone's line: where the front of the chest faces as the spine turns
    chest_top = polar(polar(j["neck_base"], up + 180, 9), across, 9 * math.sin(j["twist"]))
    waist = lerp_pt(j["pelvis"], j["neck_base"], 0.35)
    parts["midline"] = Part(
        "midline",
        smooth_open([chest_top, lerp_pt(chest_top, waist, 0.5), waist]),
        1.6,
        "line-bg",
        halo=False,
    )
    for side in ("right", "left"):
        tone = (p.get(f"{side}_tone", 0) and "far") or "near"
        parts[f"{side}-upper"] = Part(
            f"{side}-upper",
            line_d(j[f"{side}_shoulder"], j[f"{side}_elbow"]),
            W["upper_arm"] + 0.5,
            tone,
        )
        parts[f"{side}-fore"] = Part(
            f"{side}-fore", line_d(j[f"{side}_elbow"], j[f"{side}_wrist"]), W["forearm"], tone
        )
        parts[f"{side}-hand"] = Part(
            f"{side}-hand", line_d(j[f"{side}_wrist"], j[f"{side}_knuckle"]), W["hand"], tone
        )
        parts[f"{side}-thigh"] = Part(
            f"{side}-thigh", line_d(j[f"{side}_hip"], j[f"{side}_knee"]), W["thigh"] + 1
        )
        parts[f"{side}-shin"] = Part(
            f"{side}-shin", line_d(j[f"{side}_knee"], j[f"{side}_ankle"]), W["shin"]
        )
        parts[f"{side}-foot"] = Part(
            f"{side}-foot", line_d(j[f"{side}_ankle"], j[f"{side}_toe"]), W["foot"] + 1
        )
    return parts


def front_pose(hip, **values) -> Pose:
    base = {"hip_x": hip[0], "hip_y": hip[1], "torso": -90.0, "twist": 0.0, "head_turn": 0.0}
    base["neck"] = values.pop("neck", -90.0)
    arms = values.pop("arms", {})
    legs = values.pop("legs", {})
    base.update(values)
    pose = Pose(
        {
            **base,
            **{
                f"{s}_{k}": 0.0
                for s in ("right", "left")
                for k in ("upper", "fore", "hand", "thigh", "shin", "foot")
            },
        }
    )
    j = front_joints(pose)
    for side in ("right", "left"):
        arm = arms[side]
        if isinstance(arm, dict):
            upper, fore = two_bone(
                j[f"{side}_shoulder"],
                arm["to"],
                L["upper_arm"] * arm.get("upper_k", 1),
                L["forearm"],
                arm["bend"],
            )
            base[f"{side}_upper"], base[f"{side}_fore"] = upper, fore
            base[f"{side}_hand"] = arm.get("end", fore)
            base[f"{side}_upper_k"] = arm.get("upper_k", 1)
        else:
            base[f"{side}_upper"], base[f"{side}_fore"], base[f"{side}_hand"] = arm
        leg = legs[side]
        base[f"{side}_thigh"], base[f"{side}_shin"], base[f"{side}_foot"] = leg[:3]
        base[f"{side}_thigh_k"] = leg[3] if len(leg) > 3 else 1.0
    return Pose(base)


# --- The view from above (the person lies face down; we see their back) -----------------------
# With the head towards the top of the picture, the person's right is the viewer's right.

TOP_HALF = (17.5, 14.0, 15.0, 18.0, 19.0)  # hips .. shoulders


def top_spine(p: Pose, steps=8):
    """Points and directions along the spine, bowing by `bend` degrees in all."""
    x, y = p["hip_x"], p["hip_y"]
    a0, bend = p["spine"], p.get("bend")
    points, angles = [(x, y)], [a0]
    for i in range(steps):
        a = a0 + bend * (i + 0.5) / steps
        x, y = polar((x, y), a, L["torso"] / steps)
        points.append((x, y))
        angles.append(a0 + bend * (i + 1) / steps)
    return points, angles


def top_joints(p: Pose) -> dict:
    points, angles = top_spine(p)
    neck_base, a_n = points[-1], angles[-1]
    j = {"spine": points, "angles": angles, "neck_base": neck_base, "a_n": a_n}
    j["right_shoulder"] = polar(polar(neck_base, a_n + 180, 4), a_n + 90, 15)
    j["left_shoulder"] = polar(polar(neck_base, a_n + 180, 4), a_n - 90, 15)
    head_dir = a_n + p.get("head")
    j["neck_end"] = polar(neck_base, head_dir, 8)
    j["head"] = polar(neck_base, head_dir, 20)
    for side in ("right", "left"):
        elbow = polar(j[f"{side}_shoulder"], p[f"{side}_upper"], L["upper_arm"])
        wrist = polar(elbow, p[f"{side}_fore"], L["forearm"])
        j[f"{side}_elbow"], j[f"{side}_wrist"] = elbow, wrist
        j[f"{side}_knuckle"] = polar(wrist, p[f"{side}_hand"], L["hand"] + 2)
    return j


def top_parts(p: Pose) -> dict[str, Part]:
    j = top_joints(p)
    points, angles = j["spine"], j["angles"]
    picks = (0, 2, 4, 6, 8)
    left = [polar(points[i], angles[i] - 90, w) for i, w in zip(picks, TOP_HALF, strict=True)]
    right = [polar(points[i], angles[i] + 90, w) for i, w in zip(picks, TOP_HALF, strict=True)]
    tail = polar(points[0], angles[0] + 180, 9)
    front = polar(j["neck_base"], j["a_n"], 2)
    outline = [tail, *right, front, *reversed(left)]
    parts = {
        "torso": Part("torso", smooth_closed(outline), kind="fill"),
        # the spine's groove down the middle of the back
        "spine": Part("spine", smooth_open(points[1:8:2]), 1.8, "line-bg", halo=False),
        "neck": Part("neck", line_d(j["neck_base"], j["neck_end"]), W["neck"] + 2),
        "head": Part("head", dot_d(j["head"]), W["head"]),
    }
    for side in ("right", "left"):
        parts[f"{side}-upper"] = Part(
            f"{side}-upper", line_d(j[f"{side}_shoulder"], j[f"{side}_elbow"]), W["upper_arm"]
        )
        parts[f"{side}-fore"] = Part(
            f"{side}-fore", line_d(j[f"{side}_elbow"], j[f"{side}_wrist"]), W["forearm"]
        )
        parts[f"{side}-hand"] = Part(
            f"{side}-hand", line_d(j[f"{side}_wrist"], j[f"{side}_knuckle"]), W["hand"]
        )
    # the soles of the feet just behind the hips, big toes together, heels apart
    back = polar(points[0], angles[0] + 180, 12)
    for side, sign in (("right", 1), ("left", -1)):
        heel = polar(polar(back, angles[0] + 90, sign * 12), angles[0], 3)
        toe = polar(polar(back, angles[0] + 90, sign * 2.5), angles[0] + 180, 3)
        parts[f"{side}-foot"] = Part(f"{side}-foot", line_d(heel, toe), W["foot"] + 1, "far")
    return parts


def top_pose(hip, spine, bend, head, hands) -> Pose:
    values = {"hip_x": hip[0], "hip_y": hip[1], "spine": spine, "bend": bend, "head": head}
    for side in ("right", "left"):
        values.update({f"{side}_upper": 0.0, f"{side}_fore": 0.0, f"{side}_hand": 0.0})
    j = top_joints(Pose(values))
    for side, bend_side in (("right", -1), ("left", 1)):
        target = hands[side]
        if isinstance(target, (int, float)):  # a straight arm reaching that way
            upper = fore = float(target)
        else:
            upper, fore = two_bone(
                j[f"{side}_shoulder"], target, L["upper_arm"], L["forearm"], bend_side
            )
        values.update({f"{side}_upper": upper, f"{side}_fore": fore, f"{side}_hand": fore})
    return Pose(values)


def top_stretch_mark(p: Pose, side="left", offset=9.0) -> str:
    """A line just outside one flank: where the stretch is felt."""
    j = top_joints(p)
    points, angles = j["spine"], j["angles"]
    sign = -1 if side == "left" else 1
    widths = dict(zip((0, 2, 4, 6, 8), TOP_HALF, strict=True))
    marks = []
    for i in range(1, 8):
        w = widths.get(i) or (widths[i - 1] + widths[i + 1]) / 2
        marks.append(polar(points[i], angles[i] + sign * 90, w + offset))
    return smooth_open(marks)


# --- Sitting on a chair, seen from above (the person faces the top of the picture) -------------
# The person's right is the viewer's right. Turning to the left turns the shoulders
# anticlockwise; the knees stay pointing forward.


def seated_top_joints(p: Pose) -> dict:
    spine = (p["hip_x"], p["hip_y"])
    facing = -90 + p.get("turn")  # the chest's direction; -90 = forward
    head_facing = -90 + p.get("head_turn")
    j = {"spine": spine, "facing": facing}
    j["right_shoulder"] = polar(spine, facing + 90, 17)
    j["left_shoulder"] = polar(spine, facing - 90, 17)
    j["head"] = polar(spine, facing, 3)
    j["nose"] = polar(j["head"], head_facing, L["head"] - 0.5)
    for side, sign in (("right", 1), ("left", -1)):
        hip = (spine[0] + sign * 9, spine[1])
        knee = (hip[0] + sign * 2, hip[1] - L["thigh"])
        j[f"{side}_hip"], j[f"{side}_knee"] = hip, knee
        j[f"{side}_toe"] = (knee[0] + sign * 1, knee[1] - 12)
        s = j[f"{side}_shoulder"]
        k = 0.9  # arms reaching down look shorter from above
        elbow = polar(s, p[f"{side}_upper"], L["upper_arm"] * k)
        wrist = polar(elbow, p[f"{side}_fore"], L["forearm"] * k)
        j[f"{side}_elbow"], j[f"{side}_wrist"] = elbow, wrist
        j[f"{side}_knuckle"] = polar(wrist, p[f"{side}_hand"], L["hand"])
    return j


def seated_top_parts(p: Pose) -> dict[str, Part]:
    j = seated_top_joints(p)
    parts = {
        "shoulders": Part(
            "shoulders", line_d(j["left_shoulder"], j["right_shoulder"]), W["torso"] + 1
        ),
        "head": Part("head", dot_d(j["head"]), W["head"]),
        "nose": Part("nose", dot_d(j["nose"]), 6.5, halo=False),
    }
    for side in ("right", "left"):
        # the lap, paler: from above the shoulders and arms tell the story
        parts[f"{side}-thigh"] = Part(
            f"{side}-thigh", line_d(j[f"{side}_hip"], j[f"{side}_knee"]), W["thigh"] + 1, "far"
        )
        parts[f"{side}-foot"] = Part(
            f"{side}-foot", line_d(j[f"{side}_knee"], j[f"{side}_toe"]), W["foot"], "far"
        )
        for bone, a, b, width in (
            ("upper", "shoulder", "elbow", W["upper_arm"]),
            ("fore", "elbow", "wrist", W["forearm"]),
            ("hand", "wrist", "knuckle", W["hand"]),
        ):
            parts[f"{side}-{bone}"] = Part(
                f"{side}-{bone}", line_d(j[f"{side}_{a}"], j[f"{side}_{b}"]), width
            )
    return parts


def seated_top_pose(hip, turn, head_turn, hands) -> Pose:
    """hands: {side: (x, y) of the wrist}; arms reach it with a slight bend."""
    values = {"hip_x": hip[0], "hip_y": hip[1], "turn": turn, "head_turn": head_turn}
    for side in ("right", "left"):
        values.update({f"{side}_upper": 0.0, f"{side}_fore": 0.0, f"{side}_hand": 0.0})
    j = seated_top_joints(Pose(values))
    for side, bend in (("right", 1), ("left", -1)):
        target = hands[side]
        upper, fore = two_bone(
            j[f"{side}_shoulder"], target, L["upper_arm"] * 0.9, L["forearm"] * 0.9, bend
        )
        values.update({f"{side}_upper": upper, f"{side}_fore": fore, f"{side}_hand": fore})
    return Pose(values)
