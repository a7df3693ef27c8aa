"""Rules for the template files themselves."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = sorted((ROOT / "templates").rglob("*.html"))


def test_every_template_comment_closes_on_its_own_line():
    """Django's {# … #} comment is one line only: one spread over two lines is printed on
    the page as it stands. A longer note goes in {% comment %} … {% endcomment %}."""
    assert len(TEMPLATES) > 30
    unclosed = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in TEMPLATES
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if re.search(r"\{#(?!.*#\})", line)
    ]
    assert unclosed == []
