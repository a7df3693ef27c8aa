"""The ten exercises as scenes: scenery, positions (frames), arrows and the loop.

Every position follows the exercise's steps in exercises/content.py: which limb, which
way, where the hands and feet are. Side views face left; the far limbs are paler.
"""

from __future__ import annotations

from figure import (
    SIDE_ORDER,
    Figure,
    Frame,
    L,
    Part,
    Pose,
    Scene,
    Step,
    arrow,
    front_parts,
    front_pose,
    lerp_pt,
    polar,
    seated_top_parts,
    seated_top_pose,
    side_back_edge,
    side_joints,
    side_parts,
    side_pose,
    straight_arrow,
    top_parts,
    top_pose,
    top_stretch_mark,
)

FLOOR = 176.0  # the top of the mat: bodies rest on it
MAT = "#d6e5e2"
LINE = "#a9bcb8"
PROP = "#b5c6c3"
PROP_LINE = "#8ea5a1"


def mat(view, inset=10):
    """A mat on the floor across the picture (`view` is the scene's x, y, width)."""
    x, _, w = view
    return (
        f'<rect class="mat" x="{x + inset}" y="{FLOOR}" width="{w - 2 * inset}" height="6" '
        f'rx="3" fill="{MAT}"/>'
        f'<path class="floor" d="M{x} {FLOOR + 8}H{x + w}" stroke="{LINE}" stroke-width="2"/>'
    )


def floor(view, y=FLOOR):
    x, _, w = view
    return f'<path class="floor" d="M{x} {y + 1}H{x + w}" stroke="{LINE}" stroke-width="2.5"/>'


def with_gap(build, floor_y=FLOOR):
    """Side view plus the gap under the lower back (shaded), which closes as it flattens."""

    def parts(p: Pose) -> dict[str, Part]:
        out = build(p)
        ts = [0.04 + 0.56 * i / 10 for i in range(11)]
        edge = side_back_edge(p, side_joints(p), ts)
        top = [(x, min(y + 1.2, floor_y)) for x, y in edge]  # within 1.2: touching
        outline = [*top, *[(x, floor_y) for x, _ in reversed(top)]]
        d = "M" + "L".join(f"{x:.1f} {y:.1f}" for x, y in outline) + "Z"
        out["gap"] = Part("gap", d, tone="gap", kind="fill", halo=False)
        return out

    return parts


SIDE = Figure("side", side_parts, SIDE_ORDER)
# Arms stretched out beside the head: the head is drawn over them so the face stays clear.
HEAD_LAST = [n for n in SIDE_ORDER if n not in ("neck", "head", "nose")] + ["neck", "head", "nose"]
SIDE_HEAD_LAST = Figure("side", side_parts, HEAD_LAST)

# --- Lying on the back (bridge, pelvic tilts, knee-to-chest) ------------------------------------

LIE_HIP = (150.0, 161.0)
FEET = {"to": (205, 169.5), "bend": 1, "end": 2}
FEET_FAR = {"to": (188, 169.5), "bend": 1, "end": 2}
ARM_BY_SIDE = {"to": (158, 170.5), "bend": -1, "end": 4}
LYING_VIEW = (30, 66, 208)


def lying(hip=LIE_HIP, torso=176.5, **kw) -> Pose:
    kw.setdefault("near_arm", ARM_BY_SIDE)
    kw.setdefault("near_leg", FEET)
    kw.setdefault("far_leg", FEET_FAR)
    return side_pose(hip, torso, kw.pop("neck", 180.0), **kw)


bridge_start = lying()
bridge_end = lying(
    hip=(146.6, 144.7),
    torso=160,
    neck=183,
    near_arm={"to": (157, 170.5), "bend": -1, "end": 4},
)

BRIDGE = Scene(
    slug="bridge",
    title="Bridge",
    figures=[SIDE],
    frames=[
        Frame(
            "start",
            "Start",
            "Start: on your back, knees bent, feet flat, arms by your sides.",
            {"side": bridge_start},
            arrows=["up"],
        ),
        Frame(
            "end",
            "End",
            "End: hips lifted until shoulders, hips and knees make a straight line.",
            {"side": bridge_end},
        ),
    ],
    key="end",
    timeline=[
        Step("hold", "start", 1.2),
        Step("move", "end", 2.0, arrows=["up"]),
        Step("hold", "end", 2.4),
        Step("move", "start", 2.4, arrows=["down"]),
    ],
    arrows={
        "up": straight_arrow((146, 128), (146, 102)),
        "down": straight_arrow((146, 102), (146, 128)),
    },
    front=mat(LYING_VIEW),
    view=LYING_VIEW,
)

# --- Pelvic tilts -------------------------------------------------------------------------------
# The lower back keeps its natural small curve (a gap under it), then the tummy tightens
# and the pelvis tilts so the lower back presses softly into the floor: the gap closes.
# The hips stay down.

tilt_start = lying(bend=(-19, 7))
tilt_end = lying(hip=(150, 160.6), bend=(2.5, 0.8), neck=180.5)

# The arm by the side would hide the gap, so the shaded gap is drawn over it.
PELVIC = Figure("side", with_gap(side_parts), [*SIDE_ORDER, "gap"])

PELVIC_TILTS = Scene(
    slug="pelvic-tilts",
    title="Pelvic tilts",
    figures=[PELVIC],
    frames=[
        Frame(
            "start",
            "Start",
            "Start: on your back, knees bent, feet flat; a small gap under your lower back.",
            {"side": tilt_start},
            arrows=["press"],
        ),
        Frame(
            "end",
            "End",
            "End: tummy tightened, pelvis tilted, lower back pressed softly to the floor: "
            "the gap has closed and the hips stay down.",
            {"side": tilt_end},
            arrows=["press"],
        ),
    ],
    key="end",
    timeline=[
        Step("hold", "start", 1.2),
        Step("move", "end", 1.6, arrows=["press"]),
        Step("hold", "end", 2.0),
        Step("move", "start", 1.6),
    ],
    arrows={"press": straight_arrow((132, 122), (132, 146))},
    front=mat(LYING_VIEW),
    view=LYING_VIEW,
)

# --- Knee-to-chest ---------------------------------------------------------------------------
# Both knees bent, feet flat; both hands hold behind one thigh; that knee is drawn gently
# towards the chest while the other foot stays flat on the floor and the head stays down.


def hugging(thigh, shin, foot, grip=0.8) -> Pose:
    """The near knee raised (thigh, shin, foot angles), both hands holding behind that
    thigh at `grip` of the way to the knee."""
    pose = lying(near_leg=(thigh, shin, foot))
    j = side_joints(pose)
    hold = lerp_pt(j["near_hip"], j["near_knee"], grip)
    behind = polar(hold, thigh - 90, 8.5)  # the back of the thigh faces the chest
    return lying(
        near_leg=(thigh, shin, foot),
        near_arm={"to": behind, "bend": -1, "end": thigh - 75},
        far_arm={"to": polar(behind, 0, 2.5), "bend": -1, "end": thigh - 75},
    )


hug_start = lying()
hug_hold = hugging(-92, -8, -50)
hug_end = hugging(-124, -38, -75)

KNEE_TO_CHEST = Scene(
    slug="knee-to-chest",
    title="Knee-to-chest stretch",
    figures=[SIDE],
    frames=[
        Frame(
            "start",
            "Start",
            "Start: on your back, both knees bent, feet flat.",
            {"side": hug_start},
        ),
        Frame(
            "hold",
            "Then",
            "Then: both hands hold behind one thigh, just below the knee.",
            {"side": hug_hold},
            arrows=["draw"],
        ),
        Frame(
            "end",
            "End",
            "End: that knee drawn gently towards your chest; the other foot stays flat "
            "and your head stays down.",
            {"side": hug_end},
        ),
    ],
    key="end",
    timeline=[
        Step("hold", "start", 1.2),
        Step("move", "hold", 2.2),
        Step("hold", "hold", 0.4),
        Step("move", "end", 2.0, arrows=["draw"]),
        Step("hold", "end", 2.6),
        Step("move", "start", 2.6),
    ],
    arrows={"draw": arrow(((178, 108), (172, 84), (146, 84)))},
    front=mat(LYING_VIEW),
    view=LYING_VIEW,
)

# --- Superman ----------------------------------------------------------------------------------
# Face down, arms stretched out in front, legs straight behind, forehead on the mat; arms
# and legs lift just a few centimetres, eyes stay on the mat: a small lift, no arch.

PRONE_VIEW = (12, 66, 270)
PRONE_HIP = (166.0, 169.0)


def prone(arm_lift=0.0, leg_lift=0.0, chest=0.0, neck=180.0) -> Pose:
    """Face down, arms straight out in front along the mat, legs straight behind."""
    reach = (-40.0, 178.0 - arm_lift * 3)  # far ahead: a straight arm points at it
    feet = (330.0, 169.0 - leg_lift * 2.2)
    return side_pose(
        PRONE_HIP,
        186 + chest,
        neck,
        near_arm={"to": reach, "bend": 1, "end": None},
        far_arm={"to": (reach[0], reach[1] - 1), "bend": 1, "end": None},
        near_leg={"to": feet, "bend": -1, "end": 6 - leg_lift},
        far_leg={"to": (feet[0], feet[1] - 0.8), "bend": -1, "end": 5 - leg_lift},
        shoulder_shift=-3.0,
        face=-1,
    )


SUPERMAN = Scene(
    slug="superman",
    title="Superman",
    figures=[SIDE_HEAD_LAST],
    frames=[
        Frame(
            "start",
            "Start",
            "Start: face down, arms stretched out in front, legs straight, forehead on the mat.",
            {"side": prone()},
            arrows=["arms", "legs"],
        ),
        Frame(
            "end",
            "End",
            "End: arms and legs lifted just a few centimetres; eyes stay on the mat.",
            {"side": prone(arm_lift=8.0, leg_lift=6.5, chest=1.5, neck=183.0)},
            arrows=["arms", "legs"],
        ),
    ],
    key="end",
    timeline=[
        Step("hold", "start", 1.4),
        Step("move", "end", 1.8, arrows=["arms", "legs"]),
        Step("hold", "end", 2.6),
        Step("move", "start", 2.2),
    ],
    arrows={
        "arms": straight_arrow((46, 150), (46, 130), head=7, spread=4.5),
        "legs": straight_arrow((262, 150), (262, 130), head=7, spread=4.5),
    },
    front=mat(PRONE_VIEW),
    view=PRONE_VIEW,
)

# --- Plank (on the knees) ----------------------------------------------------------------------
# On the forearms, elbows under the shoulders, knees on the mat; the hips lift until the
# body is one straight line from head to knees. The full plank on the toes is the harder
# version, shown as its own still.

PLANK_VIEW = (22, 62, 248)
SHOULDER_X = 92.0
SHOULDER_Y = 139.0
KNEE = (SHOULDER_X + 92, 169.5)
FOREARM = (90, 180, 180)


def plank_pose(hip, torso, legs, neck=None) -> Pose:
    return side_pose(
        hip,
        torso,
        torso + 6 if neck is None else neck,
        near_arm=FOREARM,
        far_arm=(91, 180, 180),
        near_leg=legs,
        far_leg=legs,
        leg_dx=(0, 0),
        face=-1,
    )


def _knee_down(hip, knee):
    """The thigh from the hip to a knee resting on the mat; shin and foot flat behind."""
    from figure import angle_of

    return (angle_of(hip, knee), 0.0, 0.0)


PLANK_START_HIP = (SHOULDER_X + 44.2, 164.5)
PLANK_END_HIP = (SHOULDER_X + 48.3, 155.3)
plank_start = plank_pose(
    PLANK_START_HIP, 210, _knee_down(PLANK_START_HIP, (SHOULDER_X + 89.9, 169.5)), neck=196
)
plank_end = plank_pose(PLANK_END_HIP, 198.6, _knee_down(PLANK_END_HIP, KNEE), neck=203)
plank_toes = plank_pose(
    (SHOULDER_X + 50.6, 145.6),
    187.4,
    {"to": (SHOULDER_X + 139.8, 157.3), "bend": 1, "end": 97},
    neck=192,
)

PLANK = Scene(
    slug="plank",
    title="Plank on the knees",
    figures=[SIDE],
    frames=[
        Frame(
            "start",
            "Start",
            "Start: face down on your forearms, elbows under your shoulders, knees on the mat.",
            {"side": plank_start},
            arrows=["up"],
        ),
        Frame(
            "end",
            "End",
            "End: hips lifted so your body makes a straight line from head to knees; "
            "eyes on the mat.",
            {"side": plank_end},
        ),
        Frame(
            "harder",
            "Harder",
            "Harder: the full plank, toes tucked under and knees lifted, one straight line "
            "from head to heels.",
            {"side": plank_toes},
        ),
    ],
    key="end",
    timeline=[
        Step("hold", "start", 1.4),
        Step("move", "end", 2.0, arrows=["up"]),
        Step("hold", "end", 4.0),
        Step("move", "start", 2.0),
    ],
    arrows={"up": straight_arrow((142, 136), (142, 112))},
    front=mat(PLANK_VIEW),
    view=PLANK_VIEW,
)

# --- Cat-cow -----------------------------------------------------------------------------------
# Hands under shoulders, knees under hips, flat back and long neck (start); the belly
# sinks, chest and tailbone lift a little (cow); the back rounds up, head and tailbone
# drop (cat).

CAT_VIEW = (34, 56, 222)
CAT_KNEE = (184.0, 169.5)
CAT_HIP = (CAT_KNEE[0], CAT_KNEE[1] - L["thigh"])
CAT_WRIST = (CAT_KNEE[0] - 51.5, 171.5)


def all_fours(torso, bend, neck) -> Pose:
    leg = (90, 0, 0)
    return side_pose(
        CAT_HIP,
        torso,
        neck,
        bend=bend,
        near_arm={"to": CAT_WRIST, "bend": 1, "end": 180},
        far_arm={"to": CAT_WRIST, "bend": 1, "end": 180},
        near_leg=leg,
        far_leg=(90, 0.5, 0.5),
        leg_dx=(0, 0),
        face=-1,
    )


cat_neutral = all_fours(190, (0, 0), 188)
cat_cow = all_fours(195, (13, 11), 202)
cat_cat = all_fours(186, (-14, -13), 140)

CAT_COW = Scene(
    slug="cat-cow",
    title="Cat-cow stretch",
    figures=[SIDE],
    frames=[
        Frame(
            "start",
            "Start",
            "Start: on hands and knees, hands under shoulders, knees under hips, "
            "back flat, neck long.",
            {"side": cat_neutral},
        ),
        Frame(
            "cow",
            "Then",
            "Then the cow: belly sinks towards the floor, chest and tailbone lift a little.",
            {"side": cat_cow},
            arrows=["sink"],
        ),
        Frame(
            "cat",
            "End",
            "End, the cat: back rounds up towards the ceiling, head and tailbone drop.",
            {"side": cat_cat},
            arrows=["round"],
        ),
    ],
    key="cat",
    timeline=[
        Step("hold", "start", 1.0),
        Step("move", "cow", 2.4, arrows=["sink"]),
        Step("hold", "cow", 1.0, arrows=["sink"]),
        Step("move", "cat", 3.0, arrows=["round"]),
        Step("hold", "cat", 1.0, arrows=["round"]),
        Step("move", "start", 1.6),
    ],
    arrows={
        "sink": straight_arrow((156, 138), (156, 160)),
        "round": straight_arrow((156, 90), (156, 70)),
    },
    front=mat(CAT_VIEW),
    view=CAT_VIEW,
)

# --- Child's pose --------------------------------------------------------------------------
# Kneeling, big toes together; the hips sit back towards the heels; the hands walk forward
# and the chest lowers towards the thighs, forehead on the mat. Hips stay down at the heels.

CHILD_VIEW = (16, 60, 230)
CHILD_KNEE = (150.0, 169.5)
CHILD_HANDS = (99.0, 171.5)


def kneeling(hip_angle, torso, neck, hands, bend=(0, 0)) -> Pose:
    """hip_angle: the thigh's angle from the knee up to the hip; shins and the tops of the
    feet lie on the mat, pointing back."""
    hip = polar(CHILD_KNEE, hip_angle, L["thigh"])
    thigh = hip_angle + 180
    return side_pose(
        hip,
        torso,
        neck,
        bend=bend,
        near_arm={"to": hands, "bend": 1, "end": 180},
        far_arm={"to": (hands[0] + 4, hands[1]), "bend": 1, "end": 180},
        near_leg=(thigh, 0.0, 0.0),
        far_leg=(thigh, 0.4, 0.4),
        face=-1,
    )


child_fours = kneeling(-90, 188, 176, CHILD_HANDS)
child_back = kneeling(-22.4, 195, 170, CHILD_HANDS, bend=(-2, -1))
child_rest = kneeling(-22.4, 172, 172, (20.0, 176.0), bend=(-3, -1))

CHILDS_POSE = Scene(
    slug="childs-pose",
    title="Child's pose",
    figures=[SIDE_HEAD_LAST],
    frames=[
        Frame(
            "start",
            "Start",
            "Start: kneeling on the mat, big toes together, knees about hip-width apart, "
            "hands on the mat.",
            {"side": child_fours},
            arrows=["sit"],
        ),
        Frame(
            "back",
            "Then",
            "Then: hips sit back towards your heels; the hands stay where they are.",
            {"side": child_back},
            arrows=["walk"],
        ),
        Frame(
            "end",
            "End",
            "End: hands walked forward, chest resting towards your thighs, forehead on the "
            "mat, hips down by your heels.",
            {"side": child_rest},
        ),
    ],
    key="end",
    timeline=[
        Step("hold", "start", 1.0),
        Step("move", "back", 2.6, arrows=["sit"]),
        Step("hold", "back", 0.6),
        Step("move", "end", 2.6, arrows=["walk"]),
        Step("hold", "end", 3.6),
        Step("move", "back", 2.0),
        Step("move", "start", 1.6),
    ],
    arrows={
        "sit": arrow(((162, 100), (200, 100), (206, 128))),
        "walk": straight_arrow((88, 158), (58, 158)),
    },
    front=mat(CHILD_VIEW),
    view=CHILD_VIEW,
)

# --- Child's pose with side stretch, seen from above ------------------------------------------
# From child's pose (hips back, arms forward), both hands walk over to the right while the
# hips stay put; the stretch is felt along the left side.

TOP = Figure(
    "top",
    top_parts,
    [
        "left-foot",
        "right-foot",
        "left-upper",
        "left-fore",
        "left-hand",
        "right-upper",
        "right-fore",
        "right-hand",
        "torso",
        "spine",
        "neck",
        "head",
    ],
)
TOP_VIEW = (0, 0, 320)
TOP_HIP = (150.0, 158.0)

side_forward = top_pose(TOP_HIP, -90, 0, 0, {"right": -88, "left": -92})
side_right = top_pose(TOP_HIP, -90, 36, 10, {"right": -22, "left": -32})

TOP_MAT = f'<rect class="mat" x="64" y="8" width="192" height="184" rx="6" fill="{MAT}"/>'

SIDE_STRETCH = Scene(
    slug="childs-pose-side-stretch",
    title="Child's pose with side stretch, seen from above",
    figures=[TOP],
    frames=[
        Frame(
            "start",
            "Start",
            "Start, seen from above: child's pose, hips back towards your heels, both arms "
            "reaching forward.",
            {"top": side_forward},
            arrows=["walk"],
        ),
        Frame(
            "end",
            "End",
            "End: both hands walked over to the right, hips still in place; the stretch is "
            "along your left side.",
            {"top": side_right},
            arrows=["stretch"],
        ),
    ],
    key="end",
    timeline=[
        Step("hold", "start", 1.2),
        Step("move", "end", 3.2, arrows=["walk"]),
        Step("hold", "end", 4.0, arrows=["stretch"]),
        Step("move", "start", 2.8),
        Step("hold", "start", 0.4),
    ],
    arrows={
        "walk": arrow(((160, 22), (214, 18), (240, 52))),
        "stretch": (top_stretch_mark(side_right), ""),
    },
    back=TOP_MAT,
    view=TOP_VIEW,
)

# --- Wall angels: from the side and from the front -------------------------------------------
# Back against the wall, feet a small step away, knees soft; buttocks, upper back and head
# on the wall; arms in a goal-post shape against the wall slide up and back down.

WALL_VIEW = (0, -46, 368)
WALL_X = 40.0  # the wall's surface in the side view
FRONT_X = 262.0

# From the side the arms lie flat against the wall, out to the sides: drawn pale, behind
# the body and head.
ARM_PARTS = ("near-upper", "near-fore", "near-hand", "far-upper", "far-fore", "far-hand")
WALL_SIDE_ORDER = ["far-upper", "far-fore", "far-hand"] + [
    n for n in SIDE_ORDER if n not in ARM_PARTS
]
SIDE_WALL = Figure("side", side_parts, WALL_SIDE_ORDER, prefix="s-")
FRONT_WALL = Figure(
    "front",
    front_parts,
    [
        "right-thigh",
        "left-thigh",
        "right-shin",
        "left-shin",
        "right-foot",
        "left-foot",
        "torso",
        "neck",
        "head",
        "right-upper",
        "right-fore",
        "right-hand",
        "left-upper",
        "left-fore",
        "left-hand",
    ],
    prefix="f-",
)


def wall_side(upper, upper_k, fore, fore_k) -> Pose:
    hip = (WALL_X + 15.5, 82.0)
    p = side_pose(
        hip,
        -90,
        -90,
        bend=(-2.5, -1),
        near_arm=(upper, fore, fore),
        far_arm=(upper, fore, fore),
        near_leg={"to": (WALL_X + 30, 169.5), "bend": -1, "end": 0},
        far_leg={"to": (WALL_X + 27, 169.5), "bend": -1, "end": 0},
    )
    values = dict(p.values)
    for side in ("near", "far"):
        values[f"{side}_upper_k"] = upper_k
        values[f"{side}_fore_k"] = fore_k
    return Pose(values)


def wall_front(right_upper, right_fore, left_upper, left_fore) -> Pose:
    return front_pose(
        (FRONT_X, 82.0),
        arms={
            "right": (right_upper, right_fore, right_fore),
            "left": (left_upper, left_fore, left_fore),
        },
        legs={"right": (95, 90, 150), "left": (85, 90, 30)},
    )


angels_start = {
    "side": wall_side(-100, 0.18, -90, 1.0),
    "front": wall_front(180, -90, 0, -90),
}
angels_end = {
    "side": wall_side(-96, 0.72, -92, 0.96),
    "front": wall_front(-128, -106, -52, -74),
}

WALL_BACK = (
    f'<rect class="prop" x="{FRONT_X - 96}" y="-40" width="192" height="{FLOOR + 40}" '
    f'rx="4" fill="{PROP}" fill-opacity=".45"/>'
)
WALL_FRONT = (
    f'<rect class="prop" x="{WALL_X - 14}" y="-40" width="14" height="{FLOOR + 42}" fill="{PROP}"/>'
    + floor(WALL_VIEW)
)

WALL_ANGELS = Scene(
    slug="wall-angels",
    title="Wall angels, from the side and from the front",
    figures=[SIDE_WALL, FRONT_WALL],
    frames=[
        Frame(
            "start",
            "Start",
            "Start: back against the wall, feet a small step away, knees soft; arms in a "
            "goal-post shape, elbows at shoulder height, backs of the arms to the wall.",
            angels_start,
            arrows=["up-left", "up-right", "up-side"],
        ),
        Frame(
            "end",
            "End",
            "End: arms slid up the wall as far as is comfortable; back, head and buttocks "
            "stay on the wall.",
            angels_end,
        ),
    ],
    key="start",
    timeline=[
        Step("hold", "start", 1.2),
        Step("move", "end", 2.6, arrows=["up-left", "up-right", "up-side"]),
        Step("hold", "end", 0.8),
        Step("move", "start", 2.6),
    ],
    arrows={
        "up-left": straight_arrow((FRONT_X - 72, 30), (FRONT_X - 72, 4)),
        "up-right": straight_arrow((FRONT_X + 72, 30), (FRONT_X + 72, 4)),
        "up-side": straight_arrow((WALL_X + 36, 16), (WALL_X + 36, -10)),
    },
    back=WALL_BACK,
    front=WALL_FRONT,
    view=WALL_VIEW,
)

# --- Seated spinal twist: from the side and from above --------------------------------------
# Sitting tall near the front of a chair, feet flat and hip-width apart; the right hand on
# the outside of the left knee, the left hand on the seat behind; the chest and shoulders
# turn to the left, the head following last. The side view shows the person's left side
# (they face left); from above they face the top of the picture, so their left is ours.

TWIST_VIEW = (24, 6, 290)
SIDE_HIP = (112.0, 125.5)
SEAT_TOP = SIDE_HIP[1] + 7
SEAT_HIP = (240.0, 113.0)

TWIST_SIDE_ORDER = [
    "far-upper",
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
    "far-fore",
    "far-hand",
]
TWIST_SIDE = Figure("side", side_parts, TWIST_SIDE_ORDER, prefix="s-")
TOP_SCALE = 1.22
TWIST_TOP = Figure(
    "top",
    seated_top_parts,
    [
        "right-foot",
        "left-foot",
        "right-thigh",
        "left-thigh",
        "shoulders",
        "head",
        "nose",
    ],
    transform=f"translate({SEAT_HIP[0]} {SEAT_HIP[1]}) scale({TOP_SCALE}) "
    f"translate({-SEAT_HIP[0]} {-SEAT_HIP[1]})",
    prefix="t-",
)


def twist_side(nose_k, chest_k, shoulder_shift) -> Pose:
    x, y = SIDE_HIP
    pose = side_pose(
        SIDE_HIP,
        -90,
        -90,
        bend=(1.5, 0.5),
        near_arm={"to": (x + 21, SEAT_TOP - 3.5), "bend": 1, "end": 0},  # left hand: seat
        far_arm={"to": (x - 39, y - 8), "bend": -1, "end": 100},  # right hand: left knee
        near_leg=(180, 90, 180),
        far_leg=(179, 90.5, 180),
        shoulder_shift=shoulder_shift,
        face=-1,
    )
    return pose.copy(nose_k=nose_k, chest_k=chest_k)


def twist_top(turn, head_turn) -> Pose:
    x, y = SEAT_HIP
    return seated_top_pose(
        SEAT_HIP,
        turn,
        head_turn,
        {"right": (x - 20, y - 38), "left": (x - 21, y + 26)},
    )


twist_start = {"side": twist_side(1.0, 0.0, 0.0), "top": twist_top(0, 0)}
twist_end = {"side": twist_side(0.15, 0.45, 3.0), "top": twist_top(-42, -70)}

# Sitting near the front of the seat: the hips a hand's width from its front edge.
CHAIR_SIDE = (
    f'<g class="chair">'
    f'<path class="prop-line" d="M{SIDE_HIP[0] + 42} {SEAT_TOP}V62" stroke="{PROP_LINE}" '
    f'stroke-width="6"/>'
    f'<rect class="prop" x="{SIDE_HIP[0] - 13}" y="{SEAT_TOP}" width="59" height="8" rx="3" '
    f'fill="{PROP}"/>'
    f'<path class="prop-line" d="M{SIDE_HIP[0] - 9} {SEAT_TOP + 8}V{FLOOR}'
    f'M{SIDE_HIP[0] + 42} {SEAT_TOP + 8}V{FLOOR}" stroke="{PROP_LINE}" stroke-width="5"/>'
    "</g>"
)
CHAIR_TOP = (
    f'<g class="chair" transform="{TWIST_TOP.transform}">'
    f'<rect class="prop" x="{SEAT_HIP[0] - 34}" y="{SEAT_HIP[1] - 13}" width="68" height="58" '
    f'rx="6" fill="{PROP}"/>'
    f'<path class="prop-line" d="M{SEAT_HIP[0] - 32} {SEAT_HIP[1] + 52}H{SEAT_HIP[0] + 32}" '
    f'stroke="{PROP_LINE}" stroke-width="9"/>'
    "</g>"
)

SEATED_TWIST = Scene(
    slug="seated-spinal-twist",
    title="Seated spinal twist, from the side and from above",
    figures=[TWIST_SIDE, TWIST_TOP],
    frames=[
        Frame(
            "start",
            "Start",
            "Start: sitting tall near the front of the chair, feet flat; right hand on the "
            "outside of the left knee, left hand on the seat behind you.",
            twist_start,
            arrows=["turn"],
        ),
        Frame(
            "end",
            "End",
            "End: chest and shoulders turned to the left, head following last; knees still "
            "facing forward.",
            twist_end,
            arrows=["turn"],
        ),
    ],
    key="end",
    timeline=[
        Step("hold", "start", 1.4),
        Step(
            "move",
            "end",
            3.0,
            arrows=["turn"],
            lag={"t-head": 0.0, "head_turn": 0.35, "nose_k": 0.35},
        ),
        Step("hold", "end", 3.0),
        Step("move", "start", 2.6),
    ],
    arrows={
        "turn": arrow(
            tuple(
                (SEAT_HIP[0] + dx * TOP_SCALE, SEAT_HIP[1] + dy * TOP_SCALE)
                for dx, dy in ((36, -6), (4, -60), (-40, -12))
            )
        )
    },
    back=CHAIR_SIDE + CHAIR_TOP,
    front=floor((TWIST_VIEW[0], 0, 140)),
    view=TWIST_VIEW,
)

SCENES = [
    CAT_COW,
    CHILDS_POSE,
    PELVIC_TILTS,
    BRIDGE,
    SUPERMAN,
    KNEE_TO_CHEST,
    WALL_ANGELS,
    PLANK,
    SIDE_STRETCH,
    SEATED_TWIST,
]
