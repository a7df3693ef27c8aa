"""Health content for BackCare: the ten exercises and their easier and harder versions,
benefits, habit tips, back facts, flare-up guidance and safety text.

Plain Python data only (no Django imports), so models, views, seed commands and tests
can all import it. All text is written for a beginner in pain reading on a phone, and
follows current guidance on low back pain (NICE NG59, the NHS, WHO 2023, the Lancet 2018
series): reassure first, keep people moving, hurt is not harm with clear stop rules, never
advise rest, no claims to diagnose or treat. Steps never state a count: how much to do
lives in the dose fields, so the page and the plan can't disagree.
"""

# --- Who should check first or adapt ----------------------------------------------------------
# Each exercise lists the keys that apply to it; the loader writes the text into its row.

CHECK_FIRST = {
    "pregnant-back": (
        "If you are pregnant: from about 16 weeks, lying flat on your back for long can make "
        "you feel faint. Keep each spell short, raise your head and shoulders on pillows, or "
        "ask your midwife or physiotherapist for a version that suits you."
    ),
    "pregnant-front": (
        "If you are pregnant: lying on your front soon gets uncomfortable and isn't needed. "
        "Choose an exercise on your hands and knees or in a chair instead."
    ),
    "pregnant-kneel": (
        "If you are pregnant: let your knees go wide to make room for your bump, and rest "
        "your chest on a pile of cushions."
    ),
    "pregnant-plank": (
        "If you are pregnant or have had a baby in the last few months: planks press hard on "
        "the tummy muscles, so ask your midwife or physiotherapist before you try them."
    ),
    "osteoporosis-bending": (
        "If you have osteoporosis or have had a fracture in your spine: deep forward bending "
        "loads the bones of the spine. Keep the movement small, and ask your doctor or "
        "physiotherapist whether it suits you."
    ),
    "osteoporosis-twisting": (
        "If you have osteoporosis or have had a fracture in your spine: twisting and side "
        "bending load the bones of the spine. Keep the turn small and unforced, and ask your "
        "doctor or physiotherapist first."
    ),
    "hip-bending": (
        "After recent back surgery or a hip replacement: bending the hip deeply, with the "
        "knee close to the chest, may not be allowed for a while. Follow the advice of your "
        "surgical team before you try this."
    ),
    "hip-turning": (
        "After a hip replacement: letting the knees drop to one side turns the hip. Ask your "
        "surgical team how far is safe for you, and keep the roll small until then."
    ),
    "back-surgery": (
        "After recent back surgery: check with your surgical team or physiotherapist before "
        "you start exercises that bend, arch or twist your back."
    ),
    "shoulder": (
        "If you have had a shoulder injury or operation: ask your physiotherapist how high "
        "to lift your arms."
    ),
}

# --- The catalog: ten exercises, some with an easier or a harder version ------------------------

EXERCISES = [
    {
        "slug": "cat-cow",
        "name": "Cat-cow stretch",
        "summary": "On hands and knees, slowly round your back and then let it dip to loosen "
        "the whole spine.",
        "why": (
            "This slow rocking takes your spine through a comfortable range, a little at a "
            "time. Many people find it eases a stiff lower back, and it makes a kind warm-up "
            "before other exercises."
        ),
        "steps": [
            "Kneel on a mat on your hands and knees, with your hands below your shoulders and "
            "your knees below your hips.",
            "Start with a flat back and a long neck, eyes on the floor between your hands.",
            "Let your tummy drop gently towards the floor while your chest and tailbone lift a "
            "little. This is the cow.",
            "Now slowly round your back up towards the ceiling and let your head and tailbone "
            "drop. This is the cat.",
            "Flow between the two shapes, staying in the range that feels comfortable, and "
            "pause for a breath or two between sets.",
        ],
        "breathing": (
            "Breathe in as your tummy drops and your chest lifts. "
            "Breathe out as you round your back up."
        ),
        "mistakes": [
            "Rushing or jerking from one shape to the other.",
            "Forcing a deep dip that pinches the lower back.",
            "Throwing the head back or letting it hang heavily.",
            "Locking the elbows straight.",
        ],
        "cautions": [
            "If your wrists ache, rest on your fists or on your forearms instead.",
            "If kneeling is uncomfortable, put a folded towel or a cushion under your knees.",
            "On a stiff day keep the movement small; it often grows as your back loosens.",
        ],
        "check_first": ["osteoporosis-bending", "back-surgery"],
        "focus": ["whole-spine", "lower-back"],
        "kind": "mobility",
        "level": "gentle",
        "equipment": "mat",
        "sets": 1,
        "reps": 5,
        "hold_seconds": None,
        "per_side": False,
        "duration_minutes": 2,
        "benefits": ["flexibility", "circulation"],
        "image_alt": "A person on hands and knees moving from a flat back to the cow, belly "
        "dipped, and then to the cat, back rounded up.",
        "variation_of": None,
        "related": ["childs-pose", "pelvic-tilts"],
        "easier": {
            "slug": "seated-cat-cow",
            "name": "Seated cat-cow",
            "summary": "The same rounding and dipping of the spine, sitting in a chair.",
            "why": (
                "Sitting takes the weight off your wrists and knees, so you can loosen your "
                "spine when getting down to the floor is hard or kneeling hurts."
            ),
            "steps": [
                "Sit near the front of a sturdy chair with your feet flat and your hands "
                "resting on your knees.",
                "Gently roll your pelvis forward, lift your chest and let your lower back "
                "curve in a little.",
                "Then roll your pelvis back, round your back and let your chin drop towards "
                "your chest.",
                "Move slowly between the two, only as far as feels comfortable.",
            ],
            "breathing": "Breathe in as your chest lifts; breathe out as you round your back.",
            "mistakes": [
                "Slumping at the end of each round instead of moving with control.",
                "Pushing the head far back.",
            ],
            "cautions": ["Use a chair without wheels, and keep both feet on the floor."],
            "check_first": ["osteoporosis-bending"],
            "level": "gentle",
            "equipment": "chair",
            "sets": 1,
            "reps": 5,
            "hold_seconds": None,
            "per_side": False,
            "duration_minutes": 2,
            "when_to_move": (
                "Try it when kneeling on the floor is uncomfortable, on a difficult day, or "
                "as a break from sitting. Go back to the version on hands and knees whenever "
                "you like."
            ),
        },
        "harder": None,
    },
    {
        "slug": "childs-pose",
        "name": "Child's pose",
        "summary": "Sit back towards your heels and lower your chest to ease your lower back.",
        "why": (
            "With your body fully supported, the muscles of your lower back and hips can let "
            "go a little. It is also a calm place to pause and slow your breathing."
        ),
        "steps": [
            "Kneel on a mat with your big toes together and your knees about hip-width apart.",
            "Slowly sit your hips back towards your heels, only as far as feels comfortable.",
            "Walk your hands forward and let your chest lower towards your thighs or the floor.",
            "Rest your forehead on the mat, a cushion or your stacked hands, and let your "
            "shoulders soften.",
            "Stay there for the hold, then walk your hands back and come up slowly.",
        ],
        "breathing": (
            "Breathe slowly into your belly and the back of your ribs. "
            "Let each breath out help you settle a little more."
        ),
        "mistakes": [
            "Forcing the hips down onto the heels.",
            "Holding the breath or tensing the shoulders.",
            "Sitting up quickly at the end instead of slowly.",
        ],
        "cautions": [
            "If your knees complain, put a cushion between your hips and your heels.",
            "If you feel light-headed, lift your head onto a cushion and come up slowly.",
            "A pillow under your chest makes the pose softer on a sore day.",
        ],
        "check_first": ["pregnant-kneel", "osteoporosis-bending", "hip-bending"],
        "focus": ["lower-back", "hips"],
        "kind": "stretch",
        "level": "gentle",
        "equipment": "mat",
        "sets": 2,
        "reps": None,
        "hold_seconds": 20,
        "per_side": False,
        "duration_minutes": 2,
        "benefits": ["flexibility", "circulation"],
        "image_alt": "A person kneeling on a mat who sits the hips back to the heels, walks the "
        "hands forward and rests the forehead on the mat.",
        "variation_of": None,
        "related": ["cat-cow", "childs-pose-side-stretch", "knee-to-chest"],
        "easier": None,
        "harder": None,
    },
    {
        "slug": "pelvic-tilts",
        "name": "Pelvic tilts",
        "summary": "Lying on your back, gently flatten and then relax your lower back.",
        "why": (
            "Pelvic tilts work the deep muscles of your tummy and lower back in a small, "
            "controlled way. The gentle rocking also helps many people with a stiff lower back."
        ),
        "steps": [
            "Lie on your back on a mat with your knees bent and your feet flat, hip-width apart.",
            "Rest your arms by your sides and let your lower back settle in its natural curve.",
            "Gently tighten your tummy and tilt your pelvis so your lower back presses softly "
            "into the floor.",
            "Hold for a slow count of two, then relax back to the start.",
        ],
        "breathing": (
            "Breathe out as you flatten your back and breathe in as you relax. "
            "Keep breathing the whole time."
        ),
        "mistakes": [
            "Lifting the hips off the floor instead of tilting them.",
            "Pushing with the legs rather than using the tummy muscles.",
            "Holding the breath.",
        ],
        "cautions": [
            "A small, flat cushion under your head can make lying on your back more comfortable.",
            "Keep the tilt small at first; it doesn't need to be big to work.",
        ],
        "check_first": ["pregnant-back"],
        "focus": ["core", "lower-back"],
        "kind": "strength",
        "level": "gentle",
        "equipment": "mat",
        "sets": 1,
        "reps": 5,
        "hold_seconds": None,
        "per_side": False,
        "duration_minutes": 2,
        "benefits": ["strengthens", "posture", "circulation"],
        "image_alt": "A person lying on their back, knees bent and feet flat, gently flattening "
        "the small gap under the lower back.",
        "variation_of": None,
        "related": ["bridge", "knee-to-chest", "cat-cow"],
        "easier": None,
        "harder": None,
    },
    {
        "slug": "bridge",
        "name": "Bridge",
        "summary": "Lift your hips off the floor to strengthen your buttocks, lower back and core.",
        "why": (
            "The bridge works your buttock muscles together with your lower back and tummy. "
            "Strong buttock muscles share the work when you stand, walk or lift, and many "
            "people find that makes everyday jobs feel easier."
        ),
        "steps": [
            "Lie on your back on a mat with your knees bent, feet flat and hip-width apart, and "
            "your arms by your sides.",
            "Gently tighten your tummy and squeeze your buttocks.",
            "Press through your heels and slowly lift your hips until your body makes a straight "
            "line from shoulders to knees.",
            "Pause at the top for a breath without arching your lower back.",
            "Lower slowly, one part of your spine at a time.",
        ],
        "breathing": "Breathe out as you lift your hips and breathe in as you lower them.",
        "mistakes": [
            "Lifting too high and arching the lower back.",
            "Letting the knees fall inwards or outwards.",
            "Pushing through the toes instead of the heels.",
            "Dropping down quickly.",
        ],
        "cautions": [
            "If the backs of your thighs cramp, pause and bring your feet a little closer to "
            "your hips.",
            "Keep your weight across your shoulders, not on your neck.",
            "A smaller lift is fine: even a little way off the floor works the muscles.",
        ],
        "check_first": ["pregnant-back"],
        "focus": ["glutes", "lower-back", "core"],
        "kind": "strength",
        "level": "moderate",
        "equipment": "mat",
        "sets": 1,
        "reps": 5,
        "hold_seconds": None,
        "per_side": False,
        "duration_minutes": 2,
        "benefits": ["strengthens", "posture", "circulation", "weight"],
        "image_alt": "A person lying on their back, knees bent, lifting the hips until shoulders, "
        "hips and knees make a straight line, then lowering them.",
        "variation_of": None,
        "related": ["pelvic-tilts", "plank", "superman"],
        "easier": None,
        "harder": {
            "slug": "single-leg-bridge",
            "name": "Single-leg bridge",
            "summary": "A bridge with one foot on the floor and the other leg straight.",
            "why": (
                "Working one side at a time asks more of your buttock and tummy muscles, and "
                "shows up any difference between your two sides."
            ),
            "steps": [
                "Lie on your back with your knees bent and your feet flat, hip-width apart.",
                "Straighten one leg so that your thighs stay level with each other.",
                "Press through the heel on the floor and lift your hips into a straight line, "
                "keeping them level.",
                "Lower slowly, then swap legs.",
            ],
            "breathing": "Breathe out as you lift and breathe in as you lower.",
            "mistakes": [
                "Letting one hip drop lower than the other.",
                "Arching the lower back to get higher.",
            ],
            "cautions": [
                "If your hips won't stay level, go back to the two-footed bridge for a while."
            ],
            "check_first": ["pregnant-back"],
            "level": "challenging",
            "equipment": "mat",
            "sets": 1,
            "reps": 5,
            "hold_seconds": None,
            "per_side": True,
            "duration_minutes": 3,
            "when_to_move": (
                "When you can do 2 sets of 10 smooth bridges with level hips, and your back "
                "feels no worse the next day. Start again at about 5 on each side."
            ),
        },
    },
    {
        "slug": "superman",
        "name": "Superman",
        "summary": "Lying face down, lift your arms and legs a little to strengthen your back.",
        "why": (
            "This move works the muscles along your spine, your buttocks and your upper back, "
            "which help you sit and stand tall. Keeping the lift small makes it a steady way "
            "to build strength."
        ),
        "steps": [
            "Lie face down on a mat, arms stretched out in front and legs straight behind.",
            "Rest your forehead on the mat or a small folded towel so your neck stays long.",
            "Gently tighten your tummy and buttocks.",
            "Lift your arms and legs just a few centimetres off the floor, keeping your eyes on "
            "the mat.",
            "Pause for a breath, then lower slowly.",
        ],
        "breathing": (
            "Breathe out as you lift and breathe in as you lower. "
            "Keep breathing gently during the pause."
        ),
        "mistakes": [
            "Lifting too high and squeezing the lower back.",
            "Tipping the head back to look forward.",
            "Holding the breath.",
            "Rushing the lift and the lowering.",
        ],
        "cautions": [
            "To make it lighter, lift one arm and the opposite leg, then swap.",
            "Keep your gaze down and your chin gently tucked to look after your neck.",
        ],
        "check_first": ["pregnant-front", "back-surgery"],
        "focus": ["lower-back", "upper-back", "glutes"],
        "kind": "strength",
        "level": "moderate",
        "equipment": "mat",
        "sets": 1,
        "reps": 5,
        "hold_seconds": None,
        "per_side": False,
        "duration_minutes": 2,
        "benefits": ["strengthens", "posture", "circulation"],
        "image_alt": "A person lying face down, arms stretched forward, lifting arms and legs a "
        "few centimetres with the forehead kept low.",
        "variation_of": None,
        "related": ["plank", "bridge", "wall-angels"],
        "easier": {
            "slug": "back-extension-forearms",
            "name": "Back extension on your forearms",
            "summary": "Lying face down, prop yourself up on your forearms and gently lift "
            "your chest.",
            "why": (
                "Your forearms carry some of your weight, so your back muscles can work "
                "gently and your spine can ease into a small, supported curve."
            ),
            "steps": [
                "Lie face down on a mat with your elbows bent and your forearms on the floor "
                "beside your shoulders.",
                "Keep your hips and legs relaxed on the floor.",
                "Press gently through your forearms and lift your chest a little, keeping your "
                "neck long and your eyes on the floor.",
                "Stay for a breath or two, then lower slowly.",
            ],
            "breathing": "Breathe out as you lift; breathe in as you lower.",
            "mistakes": [
                "Pushing up so far that the lower back pinches.",
                "Letting the shoulders creep up towards the ears.",
            ],
            "cautions": ["Keep the lift small; your hips stay on the floor the whole time."],
            "check_first": ["pregnant-front", "back-surgery"],
            "level": "gentle",
            "equipment": "mat",
            "sets": 1,
            "reps": 5,
            "hold_seconds": None,
            "per_side": False,
            "duration_minutes": 2,
            "when_to_move": (
                "Start here if lifting your arms and legs is too much for now. Move to the "
                "superman when this feels easy for a week and your back is no worse the next "
                "day."
            ),
        },
        "harder": None,
    },
    {
        "slug": "knee-to-chest",
        "name": "Knee-to-chest stretch",
        "summary": "Hug one knee gently towards your chest to ease a tight lower back.",
        "why": (
            "This stretch gently lengthens the muscles of your lower back and buttocks, and many "
            "people like it after a long spell of sitting. One leg at a time keeps it gentle."
        ),
        "steps": [
            "Lie on your back on a mat with both knees bent and your feet flat.",
            "Hold behind one thigh, or just below that knee, with both hands.",
            "Gently draw the knee towards your chest until you feel a mild stretch in your lower "
            "back or buttock.",
            "Keep your other foot on the floor and your head resting down.",
            "Stay there for the hold, then slowly lower the foot and swap legs.",
        ],
        "breathing": (
            "Breathe slowly and evenly while you hold. "
            "Let your back relax a little more each time you breathe out."
        ),
        "mistakes": [
            "Pulling the knee in hard or bouncing.",
            "Lifting the head and shoulders off the floor.",
            "Holding the breath during the stretch.",
        ],
        "cautions": [
            "If your knee is sore, hold behind your thigh instead of over the knee.",
            "A towel looped behind your thigh helps if your hands don't reach.",
        ],
        "check_first": ["pregnant-back", "osteoporosis-bending", "hip-bending"],
        "focus": ["lower-back", "glutes", "hips"],
        "kind": "stretch",
        "level": "gentle",
        "equipment": "mat",
        "sets": 2,
        "reps": None,
        "hold_seconds": 15,
        "per_side": True,
        "duration_minutes": 2,
        "benefits": ["flexibility", "circulation"],
        "image_alt": "A person lying on their back holding behind one thigh and drawing that knee "
        "towards the chest, the other foot flat on the floor.",
        "variation_of": None,
        "related": ["pelvic-tilts", "childs-pose", "seated-spinal-twist"],
        "easier": None,
        "harder": {
            "slug": "double-knee-to-chest",
            "name": "Double knee-to-chest stretch",
            "summary": "Hug both knees towards your chest together.",
            "why": (
                "Bringing both knees in gives a fuller stretch across the lower back and lets "
                "you rock gently from side to side if that feels good."
            ),
            "steps": [
                "Lie on your back on a mat with your knees bent and your feet flat.",
                "Bring one knee up and then the other, and hold behind both thighs.",
                "Gently draw both knees towards your chest until you feel a mild stretch.",
                "Stay there for the hold, then lower one foot at a time.",
            ],
            "breathing": "Breathe slowly; let the knees come in a little as you breathe out.",
            "mistakes": [
                "Lifting the head off the floor.",
                "Bringing both feet up or down together with a jolt.",
            ],
            "cautions": ["Lift and lower one leg at a time to spare your back."],
            "check_first": ["pregnant-back", "osteoporosis-bending", "hip-bending"],
            "level": "gentle",
            "equipment": "mat",
            "sets": 2,
            "reps": None,
            "hold_seconds": 15,
            "per_side": False,
            "duration_minutes": 2,
            "when_to_move": (
                "When the one-knee stretch feels easy and comfortable on both sides, and you "
                "can lift and lower each leg without strain."
            ),
        },
    },
    {
        "slug": "wall-angels",
        "name": "Wall angels",
        "summary": "Slide your arms up and down a wall to free up stiff shoulders and upper back.",
        "why": (
            "Wall angels help your shoulders and upper back move more freely. Many people with "
            "a stiff upper back find that makes reaching, turning and lifting more comfortable."
        ),
        "steps": [
            "Stand with your back against a wall and your feet a small step away from it, knees "
            "softly bent.",
            "Rest your buttocks, upper back and, if comfortable, your head against the wall.",
            "Raise your arms into a goal-post shape, elbows bent at shoulder height and the backs "
            "of your arms towards the wall.",
            "Slowly slide your arms up the wall as far as is comfortable, then slide them back "
            "down.",
        ],
        "breathing": "Breathe out as your arms slide up and breathe in as they come back down.",
        "mistakes": [
            "Arching the lower back away from the wall.",
            "Shrugging the shoulders up towards the ears.",
            "Forcing the arms to stay touching the wall.",
        ],
        "cautions": [
            "If your arms lift away from the wall, keep the movement smaller; that is fine.",
            "If your head doesn't reach the wall comfortably, let it rest slightly forward.",
        ],
        "check_first": ["shoulder"],
        "focus": ["shoulders", "upper-back"],
        "kind": "mobility",
        "level": "moderate",
        "equipment": "wall",
        "sets": 1,
        "reps": 5,
        "hold_seconds": None,
        "per_side": False,
        "duration_minutes": 2,
        "benefits": ["posture", "flexibility", "circulation"],
        "image_alt": "Side and front views of a person standing with their back against a wall, "
        "sliding the arms from a goal-post shape up the wall and down again.",
        "variation_of": None,
        "related": ["seated-spinal-twist", "cat-cow", "superman"],
        "easier": None,
        "harder": None,
    },
    {
        "slug": "plank",
        "name": "Plank",
        "summary": "Hold your body in a straight line on your forearms and knees to build a "
        "steady core.",
        "why": (
            "The plank works the deep muscles around your tummy, back and hips together. Short "
            "holds with good form do more than long, shaky ones."
        ),
        "steps": [
            "Lie face down on a mat and rest on your forearms, with your elbows under your "
            "shoulders and your knees on the mat.",
            "Tighten your tummy and buttocks, then lift your hips so your body forms a straight "
            "line from your head to your knees.",
            "Hold that line for the time in your plan, keeping your neck long and your eyes on "
            "the mat.",
            "Lower gently and take a short pause before the next hold.",
        ],
        "breathing": (
            "Keep breathing slowly and steadily throughout the hold. "
            "Counting your breaths can help you stay relaxed."
        ),
        "mistakes": [
            "Letting the hips sag towards the floor.",
            "Pushing the hips up high into a peak.",
            "Holding the breath.",
            "Carrying on after your form starts to slip.",
        ],
        "cautions": [
            "If your elbows are sore, put a folded towel under your forearms.",
            "When your line starts to sag, that hold is done: lower and pause.",
        ],
        "check_first": ["pregnant-plank", "back-surgery"],
        "focus": ["core", "shoulders"],
        "kind": "strength",
        "level": "challenging",
        "equipment": "mat",
        "sets": 2,
        "reps": None,
        "hold_seconds": 10,
        "per_side": False,
        "duration_minutes": 2,
        "benefits": ["strengthens", "posture", "weight"],
        "image_alt": "A person on forearms and knees lifting the hips into a straight line from "
        "head to knees; a smaller picture shows the harder plank on the toes.",
        "variation_of": None,
        "related": ["superman", "bridge", "pelvic-tilts"],
        "easier": {
            "slug": "wall-plank",
            "name": "Wall plank",
            "summary": "A standing plank with your forearms against a wall.",
            "why": (
                "Leaning on a wall takes much of your weight off your arms and tummy, so you "
                "can learn the straight, steady line without getting down to the floor."
            ),
            "steps": [
                "Stand facing a wall and place your forearms on it at shoulder height, elbows "
                "under your shoulders.",
                "Step your feet back until your body leans in a straight line from head to heels.",
                "Gently tighten your tummy and buttocks and hold the line.",
                "Step in towards the wall to finish.",
            ],
            "breathing": "Breathe slowly and steadily all the way through the hold.",
            "mistakes": ["Letting the hips sag or stick out.", "Holding the breath."],
            "cautions": ["The further your feet are from the wall, the harder it gets."],
            "check_first": [],
            "level": "gentle",
            "equipment": "wall",
            "sets": 2,
            "reps": None,
            "hold_seconds": 10,
            "per_side": False,
            "duration_minutes": 2,
            "when_to_move": (
                "Start here if the floor plank is too much for now or getting down to the "
                "floor is hard. Move to the plank on your knees when you can hold a steady "
                "line here for about 30 seconds."
            ),
        },
        "harder": {
            "slug": "full-plank",
            "name": "Full plank",
            "summary": "The plank on your forearms and toes, with your body straight from head "
            "to heels.",
            "why": (
                "Lifting your knees off the floor makes your tummy, back and hip muscles "
                "carry your whole body, a bigger challenge for the same steady line."
            ),
            "steps": [
                "Start on your forearms and knees, elbows under your shoulders.",
                "Tuck your toes under and straighten one leg behind you, then the other.",
                "Hold a straight line from your head to your heels, tummy and buttocks gently "
                "tight.",
                "Lower your knees to the mat to finish each hold.",
            ],
            "breathing": "Keep breathing slowly; counting breaths helps you stay relaxed.",
            "mistakes": [
                "Letting the hips sag or lifting them into a peak.",
                "Holding on after your line starts to slip.",
            ],
            "cautions": ["Drop your knees to the mat as soon as your line starts to sag."],
            "check_first": ["pregnant-plank", "back-surgery"],
            "level": "challenging",
            "equipment": "mat",
            "sets": 2,
            "reps": None,
            "hold_seconds": 10,
            "per_side": False,
            "duration_minutes": 2,
            "when_to_move": (
                "When you can hold the plank on your knees for about 30 seconds, a few times, "
                "with a straight, steady line and your back no worse the next day. Start again "
                "with short holds."
            ),
        },
    },
    {
        "slug": "childs-pose-side-stretch",
        "name": "Child's pose with side stretch",
        "summary": "From child's pose, walk your hands to one side to stretch along your side.",
        "why": (
            "Walking your hands to one side adds a gentle stretch along the side of your body "
            "and back, including the obliques at the sides of your waist. Many people like it "
            "for one-sided tightness."
        ),
        "steps": [
            "Start in child's pose on a mat, with your hips back towards your heels and your arms "
            "reaching forward.",
            "Keeping your hips where they are, slowly walk both hands over to the right.",
            "Stop when you feel a gentle stretch along the left side of your body.",
            "Stay there for the hold, then walk your hands back to the middle.",
            "Walk your hands to the left to stretch the other side.",
        ],
        "breathing": (
            "Breathe slowly into the side that is stretching. "
            "Let it soften a little each time you breathe out."
        ),
        "mistakes": [
            "Lifting the hips up as the hands walk over.",
            "Reaching so far that the stretch feels strong or sharp.",
            "Tensing the shoulders up towards the ears.",
        ],
        "cautions": [
            "If your knees complain, put a cushion between your hips and your heels.",
            "If your shoulder feels pinched as you reach, bring your hands in closer.",
        ],
        "check_first": ["pregnant-kneel", "osteoporosis-twisting", "hip-bending"],
        "focus": ["obliques", "lower-back"],
        "kind": "stretch",
        "level": "gentle",
        "equipment": "mat",
        "sets": 2,
        "reps": None,
        "hold_seconds": 15,
        "per_side": True,
        "duration_minutes": 2,
        "benefits": ["flexibility", "circulation"],
        "image_alt": "Seen from above: a person in child's pose walking both hands over to one "
        "side, the stretch along the other side of the body.",
        "variation_of": "childs-pose",
        "related": ["childs-pose", "cat-cow", "seated-spinal-twist"],
        "easier": None,
        "harder": None,
    },
    {
        "slug": "seated-spinal-twist",
        "name": "Seated spinal twist",
        "summary": "Sit tall on a chair and turn gently to each side to ease a stiff spine.",
        "why": (
            "Gentle turning lets the joints and muscles of your spine move in a way they rarely "
            "do during the day. Sitting keeps it steady and easy to control."
        ),
        "steps": [
            "Sit near the front of a sturdy chair without wheels, feet flat on the floor and "
            "hip-width apart.",
            "Sit tall, as if a string were gently lifting the top of your head.",
            "Place your right hand on the outside of your left knee and your left hand on the "
            "seat behind you.",
            "Slowly turn your chest and shoulders to the left, letting your head follow last. "
            "Use only a light pull from your hand.",
            "Stay there for the hold, come back to the middle, then turn to the other side.",
        ],
        "breathing": (
            "Sit tall as you breathe in. "
            "Turn a little further only as you breathe out, and only if it feels comfortable."
        ),
        "mistakes": [
            "Slumping instead of sitting tall.",
            "Yanking on the knee or chair to turn further.",
            "Leading the twist with the neck.",
            "Letting the knees swing to one side.",
        ],
        "cautions": [
            "Keep the turn small on a stiff day; it usually loosens as you go.",
            "Keep your head in line with your chest so your neck stays easy.",
        ],
        "check_first": ["osteoporosis-twisting", "back-surgery"],
        "focus": ["whole-spine", "obliques"],
        "kind": "mobility",
        "level": "gentle",
        "equipment": "chair",
        "sets": 2,
        "reps": None,
        "hold_seconds": 10,
        "per_side": True,
        "duration_minutes": 2,
        "benefits": ["flexibility", "circulation"],
        "image_alt": "A person sitting tall on a chair, seen from the side and from above, one "
        "hand on the opposite knee and one on the seat behind, turning the chest to one side.",
        "variation_of": None,
        "related": ["wall-angels", "knee-to-chest", "childs-pose-side-stretch"],
        "easier": {
            "slug": "knee-rolls",
            "name": "Knee rolls",
            "summary": "Lying on your back, let your bent knees roll gently from side to side.",
            "why": (
                "Lying down, the floor supports your whole back while your spine turns a "
                "little with each roll, a very gentle way to ease stiffness."
            ),
            "steps": [
                "Lie on your back on a mat with your knees bent and together, and your feet "
                "flat on the floor.",
                "Rest your arms out to the sides and keep your shoulders on the floor.",
                "Let both knees roll slowly to one side, only as far as is comfortable.",
                "Bring them back to the middle, then roll them to the other side.",
            ],
            "breathing": "Breathe out as your knees roll over; breathe in as they come back.",
            "mistakes": [
                "Letting the knees drop with a flop instead of lowering them.",
                "Lifting the opposite shoulder off the floor.",
            ],
            "cautions": ["A small cushion under your head can make lying on your back easier."],
            "check_first": ["pregnant-back", "osteoporosis-twisting", "hip-turning"],
            "kind": "mobility",
            "level": "gentle",
            "equipment": "mat",
            "sets": 1,
            "reps": 5,
            "hold_seconds": None,
            "per_side": True,
            "duration_minutes": 2,
            "when_to_move": (
                "Start here on a difficult day or if sitting makes turning uncomfortable. Move "
                "to the seated twist when the rolls feel easy on both sides."
            ),
        },
        "harder": None,
    },
]

FOCUS_AREAS = [
    ("lower-back", "Lower back"),
    ("upper-back", "Upper back"),
    ("core", "Core"),
    ("glutes", "Glutes"),
    ("obliques", "Obliques and sides"),
    ("hips", "Hips"),
    ("shoulders", "Shoulders"),
    ("whole-spine", "Whole spine"),
]

# --- Shown on every exercise page ----------------------------------------------------------------

HURT_IS_NOT_HARM = (
    "Some discomfort while you move, or mild soreness afterwards that settles within a day "
    "or so, is normal and safe: hurt is not harm."
)

# Stop an exercise and get advice if any of these happen.
STOP_RULES = [
    "the pain is sharp or stabbing",
    "pain spreads down a leg",
    "you get new numbness, tingling or weakness",
    "your back is clearly worse the next day and not settling",
]

DOSE_ADVICE = (
    "A starting amount for beginners: about 5 repetitions, or short holds. When it goes "
    "well, add 1 or 2 repetitions, or a few seconds, every few days."
)

FLOOR_TRANSFER = {
    "title": "Getting down to the floor and up again",
    "down": [
        "Stand beside a sturdy chair or sofa and hold it with one hand.",
        "Lower one knee to the floor, then the other.",
        "Put your hands on the floor and come onto your hands and knees.",
        "To lie on your back, sit to one side, lower yourself onto one elbow and then roll "
        "onto your back with your knees bent.",
    ],
    "up": [
        "Roll onto your side with your knees bent and push up with your arms to sit.",
        "Come onto your hands and knees, then bring one foot forward flat on the floor.",
        "Hold the chair and push up through your front leg, taking your time.",
        "If you feel light-headed, stay sitting or kneeling for a moment before you stand.",
    ],
}

# --- Learn -------------------------------------------------------------------------------------

LEARN_INTRO = (
    "Most back pain is not serious, and it usually gets better. Staying active helps, and "
    "NICE and the WHO recommend exercise for it. Here is why moving helps, how to make it a "
    "habit, what to do in a flare-up, and which rare signs mean you should get help."
)

BENEFITS = [
    {
        "slug": "strengthens",
        "name": "Strengthens muscles",
        "text": (
            "Regular exercise builds strength in the muscles around your spine, tummy and "
            "hips. Stronger muscles can make everyday jobs such as lifting, carrying and "
            "climbing stairs feel easier."
        ),
    },
    {
        "slug": "flexibility",
        "name": "Improves flexibility",
        "text": (
            "Stretching and gentle mobility work help your back and hips move more freely. "
            "Many people find that eases the stiff feeling that builds up when they keep still."
        ),
    },
    {
        "slug": "circulation",
        "name": "Promotes circulation",
        "text": (
            "Moving gets blood flowing through your muscles and joints. A little movement "
            "spread through the day often feels better than long spells in one position."
        ),
    },
    {
        "slug": "posture",
        "name": "Enhances posture",
        "text": (
            "There is no single correct way to sit or stand. Strength and easy movement make "
            "it more comfortable to hold a position and, just as important, to change it often."
        ),
    },
    {
        "slug": "weight",
        "name": "Helps manage weight",
        "text": (
            "Being active, including everyday walking, helps you keep to a weight that is "
            "healthy for you. It is good for your heart, your mood and your sleep too."
        ),
    },
]

HABIT_TIPS = [
    {
        "title": "Set aside time",
        "text": (
            "Pick a regular time that fits your day, such as after breakfast or before bed. "
            "A few minutes on most days tends to help more than a long session now and then, "
            "and your plan can remind you."
        ),
    },
    {
        "title": "Start slowly",
        "text": (
            "Begin with about 5 repetitions of each exercise, or short holds. Every few days, "
            "if it is going well, add 1 or 2 more. BackCare suggests a small step when your "
            "logs say it has gone well; you decide whether to take it."
        ),
    },
    {
        "title": "Listen to your body",
        "text": (
            "Some discomfort or stiffness while you move, and mild soreness afterwards that "
            "settles, is normal: hurt is not harm. Stop an exercise and get advice if the pain "
            "is sharp, spreads down a leg, brings new numbness or weakness, or is clearly worse "
            "the next day."
        ),
    },
    {
        "title": "Combine with other activities",
        "text": (
            "NICE and the WHO recommend exercise for back pain, and no single kind is the right "
            "one. Walking, swimming, yoga or Pilates all count: choose what you enjoy and can "
            "keep doing."
        ),
    },
]

# Short, sourced messages: one a day on Today, all of them on /learn/.
BACK_FACTS = [
    {
        "text": "Most back pain is not caused by anything serious, and it usually gets much "
        "better within a few weeks.",
        "source": "NHS",
    },
    {
        "text": "Hurt is not harm: a sore back is sensitive, not damaged, and moving it is safe.",
        "source": "NHS",
    },
    {
        "text": "Keeping as active as you can, and carrying on with your daily life as far "
        "as possible, helps you recover sooner.",
        "source": "NICE",
    },
    {
        "text": "Exercise is recommended for low back pain. Any kind you enjoy and can keep up "
        "is a good choice.",
        "source": "NICE",
    },
    {
        "text": "No single exercise is the right one for everybody. Choose by what you like and "
        "what you can do.",
        "source": "WHO",
    },
    {
        "text": "Pacing helps: break tasks into smaller pieces, take short breaks, and build up "
        "a little at a time instead of doing a lot on good days.",
        "source": "NHS",
    },
    {
        "text": "Sleep, stress and mood affect how much pain you feel. Looking after them is "
        "part of looking after your back.",
        "source": "NICE",
    },
    {
        "text": "If back pain lasts more than 12 weeks, ask your GP or physiotherapist about "
        "programmes that combine exercise with support for how pain affects your life.",
        "source": "NICE",
    },
    {
        "text": "Heat, such as a warm bath or a wrapped hot-water bottle, can ease pain for a "
        "while and make it easier to keep moving.",
        "source": "NHS",
    },
    {
        "text": "Scans are rarely needed for back pain. Many changes they show are a normal part "
        "of getting older, even in people with no pain at all.",
        "source": "NICE",
    },
    {
        "text": "Flare-ups are common and usually settle. They are a spell of worse pain, not a "
        "sign of new damage.",
        "source": "NHS",
    },
    {
        "text": "Adults do well with at least 150 minutes of moderate activity a week, and any "
        "amount is better than none.",
        "source": "WHO",
    },
    {
        "text": "Call your local emergency number if back pain comes with numbness around your "
        "genitals or buttocks, or new trouble controlling your bladder or bowels.",
        "source": "NHS",
    },
]

# --- Red flags: signposting, never a diagnosis -------------------------------------------------

RED_FLAG_TIERS = [
    {
        "slug": "emergency",
        "title": "Get emergency help now",
        "lead": "If you have back pain with any of these:",
        "advice": (
            "Call your local emergency number, or go straight to the nearest emergency "
            "department. Don't wait to see whether it passes."
        ),
    },
    {
        "slug": "today",
        "title": "See a doctor today",
        "lead": "If you have back pain with any of these:",
        "advice": (
            "Contact your doctor's surgery today. If it is closed, use an urgent care or "
            "out-of-hours service."
        ),
    },
]

RED_FLAGS = [
    {
        "slug": "saddle-numbness",
        "tier": "emergency",
        "sign": "Numbness or tingling around your genitals, buttocks or inner thighs, or a "
        "change in feeling when you wipe after using the toilet.",
        "question": "Do you have numbness or tingling around your genitals, buttocks or inner "
        "thighs, or does it feel different when you wipe after using the toilet?",
    },
    {
        "slug": "bladder-bowel",
        "tier": "emergency",
        "sign": "New trouble peeing, or losing control of your bladder or bowels.",
        "question": "Have you had new trouble peeing, or lost control of your bladder or bowels?",
    },
    {
        "slug": "both-legs",
        "tier": "emergency",
        "sign": "Weakness, numbness or pain in both legs.",
        "question": "Do you have weakness, numbness or pain in both of your legs?",
    },
    {
        "slug": "sexual-function",
        "tier": "emergency",
        "sign": "New problems with sexual function, such as loss of feeling or being unable "
        "to get an erection.",
        "question": "Have you noticed new problems with sexual function, such as loss of "
        "feeling or being unable to get an erection?",
    },
    {
        "slug": "fever",
        "tier": "today",
        "sign": "A high temperature, or feeling hot and shivery.",
        "question": "Do you have a high temperature, or feel hot and shivery?",
    },
    {
        "slug": "weight-loss",
        "tier": "today",
        "sign": "Losing weight without trying.",
        "question": "Have you lost weight recently without trying?",
    },
    {
        "slug": "fall-or-accident",
        "tier": "today",
        "sign": "Back pain that started after a fall, a car accident or another injury.",
        "question": "Did your back pain start after a fall, a car accident or another injury?",
    },
    {
        "slug": "night-pain",
        "tier": "today",
        "sign": "Pain that is there all the time and worse at night, even when you lie still.",
        "question": "Is your pain there all the time, and worse at night even when you lie still?",
    },
    {
        "slug": "cancer-history",
        "tier": "today",
        # On its own, a past cancer asks for a prompt appointment rather than one today.
        "urgency": "soon",
        "sign": "Having had cancer in the past (on its own, see a doctor soon rather than today).",
        "question": "Have you ever had cancer?",
    },
    {
        "slug": "very-unwell",
        "tier": "today",
        "sign": "Feeling very unwell in yourself.",
        "question": "Do you feel very unwell in yourself, as well as having back pain?",
    },
]

# The safety check's result, chosen by the most urgent answer.
SAFETY_RESULTS = {
    "emergency": {
        "title": "Please get emergency help now",
        "text": (
            "Some of your answers can be a sign that nerves at the base of the spine need "
            "checking straight away. Call your local emergency number, or go to the nearest "
            "emergency department now. Please don't start the exercises first."
        ),
    },
    "today": {
        "title": "Please see a doctor today",
        "text": (
            "Some of your answers are worth a doctor's check today, before you start the "
            "exercises. Contact your doctor's surgery today, or an urgent care or out-of-hours "
            "service if it is closed."
        ),
    },
    "soon": {
        "title": "Please see a doctor soon",
        "text": (
            "Because you have had cancer, it is wise to tell your doctor about your back pain. "
            "Book an appointment in the next few days; this on its own doesn't need emergency "
            "care. Gentle movement is fine while you wait, unless something else on this list "
            "appears."
        ),
    },
    "none": {
        "title": "Thanks, you're ready to start",
        "text": (
            "None of the warning signs apply to you today. Start gently with about 5 "
            "repetitions of each exercise. Some discomfort is normal: hurt is not harm."
        ),
    },
}

# What each "yes" on the safety check calls for, beside the answer.
SAFETY_ACTIONS = {
    "emergency": "Emergency: call your local emergency number now",
    "today": "See a doctor today",
    "soon": "See a doctor soon",
}

SAFETY_NOTE = (
    "BackCare can't examine you and is not a substitute for a doctor. These questions point "
    "you to the right kind of help; they can't tell you what is causing your pain."
)

# --- Everywhere --------------------------------------------------------------------------------

DISCLAIMER = (
    "BackCare is general information and an exercise diary, not medical advice, and it can't "
    "examine you. If you are unsure whether an exercise suits you, ask a GP or physiotherapist."
)

DISCLAIMER_LONG = (
    "BackCare offers information, a diary and a routine of the kind guidelines recommend. "
    "It is not medical advice, and it doesn't diagnose or treat any condition. Most back pain "
    "is not serious and gets better, and staying active helps. Some discomfort while you "
    "exercise is normal; stop an exercise and get advice if the pain is sharp, spreads down a "
    "leg, brings new numbness or weakness, or is clearly worse the next day. If you notice any "
    "of the warning signs on this page, get help as it says. For medicines, ask a pharmacist "
    "or GP."
)

HOME_INTRO = (
    "Back pain is very common, and most of it is not serious and gets better. Staying active "
    "is one of the most helpful things you can do. BackCare helps you learn ten gentle home "
    "exercises, plan your week, tick off your sessions and see how your pain changes."
)

CALENDAR_NOTE = (
    "Some discomfort is normal. Stop an exercise and get advice if pain is sharp, spreads down "
    "a leg, or brings new numbness or weakness."
)

# --- When it hurts -----------------------------------------------------------------------------

EASE_OFF_NOTICE = {
    "title": "Let's ease off a little",
    "after_session": "Your pain was higher after this session.",
    "text": (
        "A rise in pain after exercise is common and usually settles; it doesn't mean you "
        "have damaged anything. Keep moving gently and do a bit less next time, with fewer "
        "repetitions or shorter holds. Get advice if the pain is sharp, spreads down a leg, "
        "brings new numbness or weakness, or is clearly worse tomorrow."
    ),
}

HURT_GUIDANCE = {
    "title": "Thanks for telling us",
    "text": (
        "Leave this exercise out for the rest of today, and carry on with the others if they "
        "feel all right; a short walk is good too. Pain during an exercise doesn't mean you "
        "have harmed your back. Get advice if the pain is sharp, spreads down a leg, brings "
        "new numbness or weakness, or is clearly worse tomorrow. If this exercise hurts again "
        "within two weeks, we'll pause it in your plan."
    ),
}

HURT_AGAIN = {
    "title": "This hurt twice in two weeks",
    "text": (
        "We've paused it in your plan. Bring it back whenever you're ready, perhaps as its "
        "easier version or with a smaller amount. If your back is going through a bad spell, "
        "flare-up mode keeps you moving with gentler exercises for a few days."
    ),
}

ACKNOWLEDGED = "Thanks. Keep moving gently, and do a little less for a while if you need to."

# --- Flare-ups ---------------------------------------------------------------------------------

FLARE_UP = {
    "title": "Getting through a flare-up",
    "what": (
        "A flare-up is a spell, often a few days, when your back pain is worse than usual. "
        "Flare-ups are common and usually settle. They are not a sign that you have damaged "
        "your back, and gentle movement helps them pass."
    ),
    "plan": [
        {
            "title": "Keep moving gently",
            "text": "Short walks and easy movements through the day help more than keeping "
            "still. Change position often.",
        },
        {
            "title": "Do less, not nothing",
            "text": "Cut your exercises down rather than stopping them. Flare-up mode does this "
            "for you for a few days.",
        },
        {
            "title": "Pace yourself",
            "text": "Break jobs into smaller pieces with short breaks in between, and don't try "
            "to catch up on a good day.",
        },
        {
            "title": "Use heat if it helps",
            "text": "A warm bath, a shower or a wrapped hot-water bottle can ease pain for a "
            "while. For medicines, ask a pharmacist or GP.",
        },
        {
            "title": "Build back up slowly",
            "text": "As it settles, add 1 or 2 repetitions every few days until you are back "
            "to your usual amount.",
        },
        {
            "title": "Know when to get help",
            "text": "See a GP or physiotherapist if it isn't starting to settle within a few "
            "weeks, or sooner if it stops you doing everyday things. For the warning signs "
            "below, get help as they say.",
        },
    ],
    "easing": (
        "While flare-up mode is on, each routine keeps only its gentle exercises, each with "
        "one set fewer (at least one), half the repetitions (rounded up, at least 3) and holds "
        "about half as long (at least 10 seconds). Never more than your usual amount. The "
        "other exercises are resting for now. A routine with no gentle exercise gets the "
        "gentle starter set instead."
    ),
    "ending": (
        "Flare-up mode ends by itself after the days you choose, or whenever you end it. Then "
        "your usual plan comes back. Suggestions to do more stay paused for a week after, so "
        "you can build back up at your own pace."
    ),
}

# The gentle starter set: offered in flare-up mode to a routine that has no gentle exercise.
FLARE_UP_STARTER = [
    {"exercise": "pelvic-tilts", "sets": 1, "reps": 5, "hold_seconds": None},
    {"exercise": "knee-rolls", "sets": 1, "reps": 5, "hold_seconds": None},
    {"exercise": "knee-to-chest", "sets": 1, "reps": None, "hold_seconds": 10},
]

# --- Starter plans -----------------------------------------------------------------------------

STARTERS = [
    {
        "slug": "gentle-first-week",
        "name": "Gentle first week",
        "why": (
            "A short set of soft movements to help you get used to moving your back again. "
            "Three days a week leaves time to see how you feel in between."
        ),
        "weekdays": [0, 2, 4],
        "time_hint": None,
        "items": [
            {"exercise": "cat-cow", "sets": 1, "reps": 5, "hold_seconds": None},
            {"exercise": "pelvic-tilts", "sets": 1, "reps": 5, "hold_seconds": None},
            {"exercise": "knee-to-chest", "sets": 2, "reps": None, "hold_seconds": 15},
            {"exercise": "childs-pose", "sets": 2, "reps": None, "hold_seconds": 20},
        ],
    },
    {
        "slug": "core-stability",
        "name": "Core stability",
        "why": (
            "Builds steady strength in your tummy, back and buttocks. Start with short holds "
            "and about 5 repetitions, and add more only when it feels easy."
        ),
        "weekdays": [1, 3, 5],
        "time_hint": None,
        "items": [
            {"exercise": "pelvic-tilts", "sets": 1, "reps": 5, "hold_seconds": None},
            {"exercise": "bridge", "sets": 1, "reps": 5, "hold_seconds": None},
            {"exercise": "superman", "sets": 1, "reps": 5, "hold_seconds": None},
            {"exercise": "plank", "sets": 2, "reps": None, "hold_seconds": 10},
        ],
    },
    {
        "slug": "desk-break",
        "name": "Desk-break relief",
        "why": (
            "A few minutes to loosen up after long spells sitting at a desk, with no need "
            "to get down on the floor: one move on your chair, one against a wall. "
            "Try it around the middle of your working day."
        ),
        "weekdays": [0, 1, 2, 3, 4],
        "time_hint": "13:00",
        "items": [
            {"exercise": "seated-spinal-twist", "sets": 1, "reps": None, "hold_seconds": 10},
            {"exercise": "wall-angels", "sets": 1, "reps": 5, "hold_seconds": None},
        ],
    },
    {
        "slug": "evening-unwind",
        "name": "Evening unwind",
        "why": (
            "Slow, calm stretches to help your back loosen at the end of the day. "
            "Keep it unhurried, and breathe slowly."
        ),
        "weekdays": [0, 2, 4, 6],
        "time_hint": "20:30",
        "items": [
            {"exercise": "childs-pose", "sets": 2, "reps": None, "hold_seconds": 20},
            {
                "exercise": "childs-pose-side-stretch",
                "sets": 1,
                "reps": None,
                "hold_seconds": 15,
            },
            {"exercise": "knee-to-chest", "sets": 2, "reps": None, "hold_seconds": 15},
        ],
    },
]


def back_fact_for(day) -> dict:
    """The back fact for a date: the same all day, a different one the next."""
    return BACK_FACTS[day.toordinal() % len(BACK_FACTS)]


def red_flags_by_tier() -> list[dict]:
    """The red-flag tiers, most urgent first, each with its signs."""
    return [
        {**tier, "flags": [flag for flag in RED_FLAGS if flag["tier"] == tier["slug"]]}
        for tier in RED_FLAG_TIERS
    ]
