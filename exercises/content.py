"""Health content for BackCare: the ten exercises, benefits, habit tips and safety text.

Plain Python data only (no Django imports), so models, views, seed commands and tests
can all import it. All text is written for a beginner in pain reading on a phone.
"""

EXERCISES = [
    {
        "slug": "cat-cow",
        "name": "Cat-cow stretch",
        "summary": "Slowly arch and round your back on hands and knees to loosen the whole spine.",
        "why": (
            "This slow, rocking movement takes your spine gently through its normal range, "
            "one part at a time. It can ease stiffness in the lower back and help the muscles "
            "along your spine relax. Many people find it a kind way to warm up before other "
            "exercises."
        ),
        "steps": [
            "Kneel on a mat on your hands and knees, with your hands under your shoulders and "
            "your knees under your hips.",
            "Start with a flat back and a long neck, looking at the floor between your hands.",
            "Gently let your belly sink towards the floor and lift your chest and tailbone a "
            "little. This is the cow.",
            "Then slowly round your back up towards the ceiling and let your head and tailbone "
            "drop. This is the cat.",
            "Move smoothly between the two shapes, staying in the range that feels comfortable.",
            "Do 8 slow rounds, rest, then do 8 more.",
        ],
        "breathing": (
            "Breathe in as your belly sinks and your chest lifts. "
            "Breathe out as you round your back up."
        ),
        "mistakes": [
            "Moving quickly or jerking between the two shapes.",
            "Pushing into a deep arch that pinches the lower back.",
            "Craning the neck up or letting the head hang heavily.",
            "Locking the elbows straight.",
        ],
        "cautions": [
            "Stop if you feel sharp pain, or pain that shoots down a leg.",
            "Stop if your wrists hurt; try resting on your fists or forearms instead.",
            "Stop if kneeling hurts your knees; a folded blanket under them may help.",
        ],
        "focus": ["whole-spine", "lower-back"],
        "kind": "mobility",
        "level": "gentle",
        "equipment": "mat",
        "sets": 2,
        "reps": 8,
        "hold_seconds": None,
        "per_side": False,
        "duration_minutes": 2,
        "benefits": ["flexibility", "circulation"],
        "image_alt": "A person on hands and knees moving from a flat back to the cow, belly "
        "dipped, and then to the cat, back rounded up.",
        "variation_of": None,
        "related": ["childs-pose", "pelvic-tilts"],
    },
    {
        "slug": "childs-pose",
        "name": "Child's pose",
        "summary": "Sit back towards your heels and rest your chest down to ease your lower back.",
        "why": (
            "This resting pose lets the muscles of your lower back lengthen while your body is "
            "fully supported. It can ease tightness around the lower back and hips. It is also "
            "a calm place to pause and slow your breathing."
        ),
        "steps": [
            "Kneel on a mat with your big toes together and your knees about hip-width apart.",
            "Slowly sit your hips back towards your heels, only as far as feels comfortable.",
            "Walk your hands forward and let your chest lower towards your thighs or the floor.",
            "Rest your forehead on the mat, a cushion or your stacked hands, and let your "
            "shoulders soften.",
            "Stay for 30 seconds, then walk your hands back and come up slowly. Do this 3 times.",
        ],
        "breathing": (
            "Breathe slowly into your belly and the back of your ribs. "
            "Let each out-breath help you settle a little more."
        ),
        "mistakes": [
            "Forcing the hips down onto the heels.",
            "Holding the breath or tensing the shoulders.",
            "Sitting up quickly at the end instead of slowly.",
        ],
        "cautions": [
            "Stop if you feel sharp pain, or pain that shoots down a leg.",
            "Stop if your knees hurt; a cushion between your hips and heels can help.",
            "Stop if you feel dizzy or light-headed, and sit up slowly.",
        ],
        "focus": ["lower-back", "hips"],
        "kind": "stretch",
        "level": "gentle",
        "equipment": "mat",
        "sets": 3,
        "reps": None,
        "hold_seconds": 30,
        "per_side": False,
        "duration_minutes": 3,
        "benefits": ["flexibility", "circulation"],
        "image_alt": "A person kneeling on a mat who sits the hips back to the heels, walks the "
        "hands forward and rests the forehead on the mat.",
        "variation_of": None,
        "related": ["cat-cow", "childs-pose-side-stretch", "knee-to-chest"],
    },
    {
        "slug": "pelvic-tilts",
        "name": "Pelvic tilts",
        "summary": "On your back, gently flatten and relax your lower back to wake up your core.",
        "why": (
            "Pelvic tilts gently work the deep muscles of your tummy and lower back. These "
            "muscles help keep your spine steady as you move. The small rocking motion can also "
            "ease stiffness in the lower back."
        ),
        "steps": [
            "Lie on your back on a mat with your knees bent and your feet flat, hip-width apart.",
            "Rest your arms by your sides and let your lower back settle in its natural curve.",
            "Gently tighten your tummy and tilt your pelvis so your lower back presses softly "
            "into the floor.",
            "Hold for a slow count of 2, then relax back to the start.",
            "Do 10, rest, then do 10 more.",
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
            "Stop if you feel sharp pain, or pain that shoots down a leg.",
            "Stop if lying on your back makes your pain worse; a pillow under your head may help.",
            "Stop if the ache in your back builds with each repeat.",
        ],
        "focus": ["core", "lower-back"],
        "kind": "strength",
        "level": "gentle",
        "equipment": "mat",
        "sets": 2,
        "reps": 10,
        "hold_seconds": None,
        "per_side": False,
        "duration_minutes": 2,
        "benefits": ["strengthens", "posture", "circulation"],
        "image_alt": "A person lying on their back, knees bent and feet flat, gently flattening "
        "the small gap under the lower back.",
        "variation_of": None,
        "related": ["bridge", "knee-to-chest", "cat-cow"],
    },
    {
        "slug": "bridge",
        "name": "Bridge",
        "summary": "Lift your hips off the floor to strengthen your buttocks, lower back and core.",
        "why": (
            "The bridge works your buttock muscles together with your lower back and tummy. "
            "Strong buttock muscles share the load with your back when you stand, walk or lift. "
            "Over time this can help your back feel better supported."
        ),
        "steps": [
            "Lie on your back on a mat with your knees bent, feet flat and hip-width apart, and "
            "your arms by your sides.",
            "Gently tighten your tummy and squeeze your buttocks.",
            "Press through your heels and slowly lift your hips until your body makes a straight "
            "line from shoulders to knees.",
            "Hold for 2 to 3 seconds without arching your lower back.",
            "Lower slowly, one part of your spine at a time. Do 10, rest, then do 10 more.",
        ],
        "breathing": "Breathe out as you lift your hips and breathe in as you lower them.",
        "mistakes": [
            "Lifting too high and arching the lower back.",
            "Letting the knees fall inwards or outwards.",
            "Pushing through the toes instead of the heels.",
            "Dropping down quickly.",
        ],
        "cautions": [
            "Stop if you feel sharp pain, or pain that shoots down a leg.",
            "Stop if the backs of your thighs cramp; rest, then bring your feet a little closer.",
            "Stop if your neck feels strained; keep your weight across your shoulders instead.",
        ],
        "focus": ["glutes", "lower-back", "core"],
        "kind": "strength",
        "level": "moderate",
        "equipment": "mat",
        "sets": 2,
        "reps": 10,
        "hold_seconds": None,
        "per_side": False,
        "duration_minutes": 3,
        "benefits": ["strengthens", "posture", "circulation", "weight"],
        "image_alt": "A person lying on their back, knees bent, lifting the hips until shoulders, "
        "hips and knees make a straight line, then lowering them.",
        "variation_of": None,
        "related": ["pelvic-tilts", "plank", "superman"],
    },
    {
        "slug": "superman",
        "name": "Superman",
        "summary": "Lying face down, lift your arms and legs a little to strengthen your back.",
        "why": (
            "This move works the muscles that run along your spine, as well as your buttocks and "
            "upper back. These muscles help you sit and stand tall. Keeping the lift small makes "
            "it a steady way to build strength."
        ),
        "steps": [
            "Lie face down on a mat, arms stretched out in front and legs straight behind.",
            "Rest your forehead on the mat or a small folded towel so your neck stays long.",
            "Gently tighten your tummy and buttocks.",
            "Lift your arms and legs just a few centimetres off the floor, keeping your eyes on "
            "the mat.",
            "Hold for 2 to 3 seconds, then lower slowly. Do 8, rest, then do 8 more.",
            "If that feels like too much, lift just one arm and the opposite leg, then swap.",
        ],
        "breathing": (
            "Breathe out as you lift and breathe in as you lower. "
            "Keep breathing gently during the short hold."
        ),
        "mistakes": [
            "Lifting too high and squeezing the lower back.",
            "Tipping the head back to look forward.",
            "Holding the breath.",
            "Rushing the lift and the lowering.",
        ],
        "cautions": [
            "Stop if you feel sharp pain, or pain that shoots down a leg.",
            "Stop if your neck starts to ache; keep your gaze down and your chin gently tucked.",
            "Stop if lying on your front makes your back pain worse.",
        ],
        "focus": ["lower-back", "upper-back", "glutes"],
        "kind": "strength",
        "level": "moderate",
        "equipment": "mat",
        "sets": 2,
        "reps": 8,
        "hold_seconds": None,
        "per_side": False,
        "duration_minutes": 3,
        "benefits": ["strengthens", "posture", "circulation"],
        "image_alt": "A person lying face down, arms stretched forward, lifting arms and legs a "
        "few centimetres with the forehead kept low.",
        "variation_of": None,
        "related": ["plank", "bridge", "wall-angels"],
    },
    {
        "slug": "knee-to-chest",
        "name": "Knee-to-chest stretch",
        "summary": "Hug one knee gently to your chest to ease a tight lower back after sitting.",
        "why": (
            "This stretch gently lengthens the muscles of your lower back and buttocks. It can "
            "ease the stiff, tight feeling that builds up after a long time sitting. Working one "
            "leg at a time keeps it gentle."
        ),
        "steps": [
            "Lie on your back on a mat with both knees bent and your feet flat.",
            "Hold behind one thigh, or just below that knee, with both hands.",
            "Gently draw the knee towards your chest until you feel a mild stretch in your lower "
            "back or buttock.",
            "Keep your other foot on the floor and your head resting down.",
            "Hold for 20 seconds, then slowly lower the foot. Swap legs, and do 3 on each side.",
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
            "Stop if you feel sharp pain, or pain that shoots down a leg.",
            "Stop if your knee hurts, and try holding behind your thigh instead.",
            "Stop if you feel pain in the front of your hip or in your groin.",
        ],
        "focus": ["lower-back", "glutes", "hips"],
        "kind": "stretch",
        "level": "gentle",
        "equipment": "mat",
        "sets": 3,
        "reps": None,
        "hold_seconds": 20,
        "per_side": True,
        "duration_minutes": 3,
        "benefits": ["flexibility", "circulation"],
        "image_alt": "A person lying on their back holding behind one thigh and drawing that knee "
        "towards the chest, the other foot flat on the floor.",
        "variation_of": None,
        "related": ["pelvic-tilts", "childs-pose", "seated-spinal-twist"],
    },
    {
        "slug": "wall-angels",
        "name": "Wall angels",
        "summary": "Slide your arms up and down a wall to free up stiff shoulders and upper back.",
        "why": (
            "Wall angels help your shoulders and upper back move more freely. When the upper "
            "back is stiff, the lower back often ends up doing extra work. This gentle move also "
            "encourages a more upright posture."
        ),
        "steps": [
            "Stand with your back against a wall and your feet a small step away from it, knees "
            "softly bent.",
            "Rest your buttocks, upper back and, if comfortable, your head against the wall.",
            "Raise your arms into a goal-post shape, elbows bent at shoulder height and the backs "
            "of your arms towards the wall.",
            "Slowly slide your arms up the wall as far as is comfortable, then slide them back "
            "down.",
            "Keep the movement small if your arms lift away from the wall. Do 8, rest, then do 8 "
            "more.",
        ],
        "breathing": "Breathe out as your arms slide up and breathe in as they come back down.",
        "mistakes": [
            "Arching the lower back away from the wall.",
            "Shrugging the shoulders up towards the ears.",
            "Forcing the arms to stay touching the wall.",
        ],
        "cautions": [
            "Stop if you feel sharp pain, or pain that shoots down a leg.",
            "Stop if your shoulder hurts, or you feel tingling in your arms or hands.",
            "Stop if pressing your head back strains your neck; let it rest slightly forward.",
        ],
        "focus": ["shoulders", "upper-back"],
        "kind": "mobility",
        "level": "moderate",
        "equipment": "wall",
        "sets": 2,
        "reps": 8,
        "hold_seconds": None,
        "per_side": False,
        "duration_minutes": 2,
        "benefits": ["posture", "flexibility", "circulation"],
        "image_alt": "Side and front views of a person standing with their back against a wall, "
        "sliding the arms from a goal-post shape up the wall and down again.",
        "variation_of": None,
        "related": ["seated-spinal-twist", "cat-cow", "superman"],
    },
    {
        "slug": "plank",
        "name": "Plank",
        "summary": "Hold your body in a straight line on your forearms to build a steady core.",
        "why": (
            "The plank works the deep muscles around your tummy, back and hips all at once. A "
            "strong, steady core helps support your spine during everyday tasks. Short holds "
            "with good form help more than long, shaky ones."
        ),
        "steps": [
            "Lie face down on a mat and rest on your forearms, with your elbows under your "
            "shoulders.",
            "To begin, keep your knees on the mat. Tuck your toes under only if you want to try "
            "a full plank.",
            "Tighten your tummy and buttocks, then lift your hips so your body forms a straight "
            "line from head to knees or heels.",
            "Hold for 15 seconds, keeping your neck long and your eyes on the mat.",
            "Lower gently and rest for about 30 seconds. Do 3 holds.",
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
            "Stop if you feel sharp pain, or pain that shoots down a leg.",
            "Stop if your wrists, elbows or shoulders hurt.",
            "Stop if your lower back starts to ache or sag; rest, then try a shorter hold.",
        ],
        "focus": ["core", "shoulders"],
        "kind": "strength",
        "level": "challenging",
        "equipment": "mat",
        "sets": 3,
        "reps": None,
        "hold_seconds": 15,
        "per_side": False,
        "duration_minutes": 3,
        "benefits": ["strengthens", "posture", "weight"],
        "image_alt": "A person on forearms and knees lifting the hips into a straight line from "
        "head to knees; a smaller picture shows the harder plank on the toes.",
        "variation_of": None,
        "related": ["superman", "bridge", "pelvic-tilts"],
    },
    {
        "slug": "childs-pose-side-stretch",
        "name": "Child's pose with side stretch",
        "summary": "From child's pose, walk your hands to one side to stretch along your side.",
        "why": (
            "Walking your hands to one side adds a gentle stretch along the side of your body and "
            "back. It reaches the obliques, the muscles at the sides of your waist. It can ease "
            "one-sided tightness that often builds up from sitting or carrying things."
        ),
        "steps": [
            "Start in child's pose on a mat, with your hips back towards your heels and your arms "
            "reaching forward.",
            "Keeping your hips where they are, slowly walk both hands over to the right.",
            "Stop when you feel a gentle stretch along the left side of your body.",
            "Hold for 20 seconds, then walk your hands back to the middle.",
            "Repeat on the other side. Do 2 on each side.",
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
            "Stop if you feel sharp pain, or pain that shoots down a leg.",
            "Stop if your knees hurt; a cushion between your hips and heels can help.",
            "Stop if your shoulder feels pinched as you reach to the side.",
        ],
        "focus": ["obliques", "lower-back"],
        "kind": "stretch",
        "level": "gentle",
        "equipment": "mat",
        "sets": 2,
        "reps": None,
        "hold_seconds": 20,
        "per_side": True,
        "duration_minutes": 2,
        "benefits": ["flexibility", "circulation"],
        "image_alt": "Seen from above: a person in child's pose walking both hands over to one "
        "side, the stretch along the other side of the body.",
        "variation_of": "childs-pose",
        "related": ["childs-pose", "cat-cow", "seated-spinal-twist"],
    },
    {
        "slug": "seated-spinal-twist",
        "name": "Seated spinal twist",
        "summary": "Sit tall on a chair and turn gently to each side to ease a stiff spine.",
        "why": (
            "Gentle twisting lets the joints and muscles of your spine move through a turn they "
            "rarely make during the day. It can ease stiffness in the middle and lower back. "
            "Doing it seated keeps it steady and easy to control."
        ),
        "steps": [
            "Sit near the front of a sturdy chair without wheels, feet flat on the floor and "
            "hip-width apart.",
            "Sit tall, as if a string were gently lifting the top of your head.",
            "Place your right hand on the outside of your left knee and your left hand on the "
            "seat behind you.",
            "Slowly turn your chest and shoulders to the left, letting your head follow last. "
            "Use only a light pull from your hand.",
            "Hold for 20 seconds, then come back to the middle. Swap sides, and do 2 on each side.",
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
            "Stop if you feel sharp pain, or pain that shoots down a leg.",
            "Stop if turning makes your back pain worse rather than easing it.",
            "Stop if your neck feels strained; keep your head in line with your chest.",
        ],
        "focus": ["whole-spine", "obliques"],
        "kind": "mobility",
        "level": "gentle",
        "equipment": "chair",
        "sets": 2,
        "reps": None,
        "hold_seconds": 20,
        "per_side": True,
        "duration_minutes": 2,
        "benefits": ["flexibility", "circulation"],
        "image_alt": "A person sitting tall on a chair, seen from the side and from above, one "
        "hand on the opposite knee and one on the seat behind, turning the chest to one side.",
        "variation_of": None,
        "related": ["wall-angels", "knee-to-chest", "childs-pose-side-stretch"],
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

BENEFITS = [
    {
        "slug": "strengthens",
        "name": "Strengthens muscles",
        "text": (
            "Gentle, regular exercise builds up the muscles around your spine, tummy and hips. "
            "When these muscles are stronger, they share the work of holding you up. That gives "
            "your back steadier support for everyday tasks."
        ),
    },
    {
        "slug": "flexibility",
        "name": "Improves flexibility",
        "text": (
            "Stretching helps the muscles and other soft tissues around your back stay supple. "
            "A back that moves easily is less likely to feel strained when you bend, reach or turn."
        ),
    },
    {
        "slug": "circulation",
        "name": "Promotes circulation",
        "text": (
            "Moving your body gets blood flowing to the muscles and joints of your back. "
            "Blood brings the oxygen and nutrients these tissues need to stay healthy and recover."
        ),
    },
    {
        "slug": "posture",
        "name": "Enhances posture",
        "text": (
            "Strong tummy and back muscles make it easier to sit and stand upright. "
            "Good support means less strain on your back during long spells at a desk or on "
            "your feet."
        ),
    },
    {
        "slug": "weight",
        "name": "Helps manage weight",
        "text": (
            "Staying active helps you keep to a weight that is healthy for you. "
            "Carrying less extra weight can ease the load on your back. "
            "These exercises work best alongside walking and other everyday activity."
        ),
    },
]

HABIT_TIPS = [
    {
        "title": "Set aside time",
        "text": (
            "Pick a regular time that fits your day, such as after breakfast or before bed. "
            "A few minutes on most days tends to help more than a long session now and then. "
            "Adding your sessions to your plan can help you remember."
        ),
    },
    {
        "title": "Start slowly",
        "text": (
            "Begin with a few exercises, fewer repeats and short holds. "
            "Add a little more only when the current amount has felt easy for a week or so. "
            "Small, steady steps are kinder to a sore back."
        ),
    },
    {
        "title": "Listen to your body",
        "text": (
            "Notice how you feel during each exercise and over the next day. "
            "A mild stretch or tired muscles are normal, but if something hurts, stop. "
            "If pain keeps coming back or worries you, talk to a healthcare provider."
        ),
    },
    {
        "title": "Combine with other activities",
        "text": (
            "These exercises fit well alongside walking, swimming, yoga or Pilates. "
            "Mixing different kinds of gentle movement keeps your whole body active. "
            "If you are not sure what suits you, a physiotherapist can help you choose."
        ),
    },
]

RED_FLAGS = [
    {
        "slug": "saddle-numbness",
        "sign": "Numbness or tingling around the genitals, buttocks or inner thighs.",
        "question": "Do you have numbness or tingling around your genitals, buttocks or inner "
        "thighs?",
        "explanation": "Changes in feeling in this area can mean nerves at the base of the spine "
        "are under pressure, so it needs checking straight away.",
    },
    {
        "slug": "bladder-bowel",
        "sign": "New difficulty peeing, or losing control of the bladder or bowels.",
        "question": "Have you had new trouble peeing, or controlling your bladder or bowels?",
        "explanation": "New bladder or bowel changes alongside back pain should be checked by a "
        "doctor urgently.",
    },
    {
        "slug": "leg-weakness",
        "sign": "New or worsening weakness or numbness in one or both legs, or trouble walking.",
        "question": "Do you have new or worsening weakness or numbness in one or both legs, or "
        "trouble walking?",
        "explanation": "Weakness or numbness that is new or getting worse needs a prompt medical "
        "check to look after the nerves.",
    },
    {
        "slug": "fever-unwell",
        "sign": "A fever or feeling very unwell along with the back pain.",
        "question": "Do you have a fever, or feel very unwell, as well as back pain?",
        "explanation": "Back pain with a high temperature or feeling very ill should be looked at "
        "by a doctor soon.",
    },
    {
        "slug": "major-injury",
        "sign": "Back pain that began after a major fall, accident or injury.",
        "question": "Did your back pain start after a major fall, accident or injury?",
        "explanation": "Pain after a hard knock or fall is best checked by a professional before "
        "you exercise.",
    },
    {
        "slug": "weight-loss",
        "sign": "Losing weight without trying.",
        "question": "Have you lost weight recently without trying?",
        "explanation": "Weight loss you cannot explain is worth mentioning to a doctor, "
        "especially alongside back pain.",
    },
    {
        "slug": "cancer-history",
        "sign": "Back pain when you have had cancer in the past.",
        "question": "Have you ever had cancer?",
        "explanation": "If you have had cancer, new back pain should be checked by your doctor "
        "to be safe.",
    },
    {
        "slug": "constant-night-pain",
        "sign": "Pain that is constant, worse at night, or not eased by rest or moving.",
        "question": "Is your pain constant, worse at night, or not eased by rest or changing "
        "position?",
        "explanation": "Pain that never lets up, whatever you do, should be looked at by a doctor "
        "rather than exercised through.",
    },
    {
        "slug": "chest-pain",
        "sign": "Chest pain together with back pain.",
        "question": "Do you have chest pain as well as back pain?",
        "explanation": "Chest pain with back pain needs medical help straight away, as it can "
        "have causes other than the back.",
    },
    {
        "slug": "weak-immunity-steroids",
        "sign": "A weakened immune system, or long-term use of steroid tablets.",
        "question": "Do you have a weakened immune system, or have you taken steroid tablets "
        "for a long time?",
        "explanation": "These can make some back problems more likely, so it is wise to see a "
        "doctor before starting.",
    },
]

RED_FLAG_ADVICE = (
    "If you answered yes to any of these, please get medical help now rather than starting "
    "the exercises. For numbness around your genitals or buttocks, new bladder or bowel "
    "problems, new leg weakness or chest pain, call your local emergency number or go to an "
    "emergency department straight away; for the others, contact a doctor today. "
    "BackCare cannot assess you and is not a substitute for seeing a health professional."
)

DISCLAIMER = (
    "BackCare gives general exercise information, not medical advice: check with a healthcare "
    "professional before you start, and stop if anything hurts."
)

DISCLAIMER_LONG = (
    "BackCare shares general information about gentle exercises for back pain. "
    "It is not medical advice, and it cannot diagnose or treat any condition. "
    "Please check with a doctor or physiotherapist before you begin, especially if your pain "
    "is new, severe or not getting better. "
    "Stop any exercise that hurts, and get medical help promptly if you notice any warning signs."
)

EASE_OFF_NOTICE = {
    "title": "Let's take it easier for now",
    "text": (
        "Your pain was higher after this session. That can happen, and it is a sign to go "
        "gently. Skip or stop any exercise that seemed to hurt, and give your back some rest "
        "and easy movement. If the pain does not settle, talk to a healthcare provider."
    ),
}

HURT_GUIDANCE = {
    "title": "Thanks for telling us",
    "text": (
        "Please stop this exercise for today. There is no need to push through pain, and "
        "gentle movement such as a short walk is fine if it feels OK. If this exercise hurts "
        "again, we will pause it in your plan. If the pain lasts, or you notice any warning "
        "signs, please speak to a healthcare professional."
    ),
}

STARTERS = [
    {
        "slug": "gentle-first-week",
        "name": "Gentle first week",
        "why": (
            "A short set of soft stretches to help you get used to moving your back again. "
            "Three days a week leaves time to see how you feel in between."
        ),
        "weekdays": [0, 2, 4],
        "time_hint": None,
        "items": [
            {"exercise": "cat-cow", "sets": 1, "reps": 6, "hold_seconds": None},
            {"exercise": "pelvic-tilts", "sets": 1, "reps": 8, "hold_seconds": None},
            {"exercise": "knee-to-chest", "sets": 2, "reps": None, "hold_seconds": 20},
            {"exercise": "childs-pose", "sets": 2, "reps": None, "hold_seconds": 20},
        ],
    },
    {
        "slug": "core-stability",
        "name": "Core stability",
        "why": (
            "Builds steady strength in your tummy, back and buttocks to support your spine. "
            "Start with short holds and only add more when it feels easy."
        ),
        "weekdays": [1, 3, 5],
        "time_hint": None,
        "items": [
            {"exercise": "pelvic-tilts", "sets": 2, "reps": 8, "hold_seconds": None},
            {"exercise": "bridge", "sets": 2, "reps": 8, "hold_seconds": None},
            {"exercise": "superman", "sets": 1, "reps": 6, "hold_seconds": None},
            {"exercise": "plank", "sets": 2, "reps": None, "hold_seconds": 10},
        ],
    },
    {
        "slug": "desk-break",
        "name": "Desk-break relief",
        "why": (
            "A few minutes to undo the stiffness of long spells sitting at a desk, with no "
            "need to get down on the floor: one move on your chair, one against a wall. "
            "Try it around the middle of your working day."
        ),
        "weekdays": [0, 1, 2, 3, 4],
        "time_hint": "13:00",
        "items": [
            {"exercise": "seated-spinal-twist", "sets": 1, "reps": None, "hold_seconds": 20},
            {"exercise": "wall-angels", "sets": 1, "reps": 6, "hold_seconds": None},
        ],
    },
    {
        "slug": "evening-unwind",
        "name": "Evening unwind",
        "why": (
            "Slow, restful stretches to help your back relax at the end of the day. "
            "Keep it calm and unhurried, and breathe slowly."
        ),
        "weekdays": [0, 2, 4, 6],
        "time_hint": "20:30",
        "items": [
            {"exercise": "childs-pose", "sets": 2, "reps": None, "hold_seconds": 20},
            {
                "exercise": "childs-pose-side-stretch",
                "sets": 1,
                "reps": None,
                "hold_seconds": 20,
            },
            {"exercise": "knee-to-chest", "sets": 2, "reps": None, "hold_seconds": 20},
        ],
    },
]

HOME_INTRO = (
    "BackCare is a calm companion for ten gentle home exercises that may help ease back pain. "
    "Learn each one, plan your week, tick off your sessions and see how your pain changes."
)
