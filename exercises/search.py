"""Catalog search that forgives a beginner's words: the kind, focus and level of an
exercise count as words about it ("stretch" finds Child's pose, a stretch), and a word
one or two letters off still finds what it was meant to ("brige" finds Bridge).

Pure functions over plain strings; the query itself is built in models.ExerciseQuerySet.
"""

import re

WORD = re.compile(r"[a-z]+")


def typos(a: str, b: str) -> int:
    """How many letters were missed, added, changed or swapped with a neighbour to turn
    one word into the other (the optimal string alignment distance)."""
    previous, current = None, list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        before, previous, current = previous, current, [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], before[j - 2] + 1)
    return current[-1]


def allowed_typos(word: str) -> int:
    """One slip in a short word, two in a long one; none below four letters."""
    return 0 if len(word) < 4 else 1 if len(word) < 8 else 2


def words(text: str) -> list[str]:
    return WORD.findall(text.lower())


def same_word(asked: str, known: str) -> bool:
    """A known word matches what was asked when it begins with it ("bri" for bridge),
    when what was asked begins with it ("stretches", "stretching" for stretch), or when
    it is a near spelling of a word of four letters or more."""
    if len(asked) >= 3 and known.startswith(asked):
        return True
    if len(known) >= 4 and asked.startswith(known):
        return True
    return typos(asked, known) <= min(allowed_typos(asked), allowed_typos(known))


def spellings(asked: str, vocabulary: set[str]) -> set[str]:
    """The word as asked, plus the catalog's own words it was probably meant as."""
    return {asked} | {known for known in vocabulary if same_word(asked, known)}


def matching_choices(asked: str, choices) -> list[str]:
    """The values of (value, label) choices whose label has a word matching `asked`."""
    return [
        value
        for value, label in choices
        if any(same_word(asked, known) for known in words(str(label)))
    ]
