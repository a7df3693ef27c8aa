from datetime import timedelta

from django import template

register = template.Library()


@register.filter
def minutes(value: timedelta | None) -> int:
    """A timedelta as whole minutes (at least 1), for sentences like "wait 15 minutes"."""
    if not value:
        return 0
    return max(1, round(value.total_seconds() / 60))
