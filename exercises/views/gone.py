"""Not found, said plainly: what a person is told when a thing they act on isn't theirs,
or was removed a moment ago (another tab, another device, a double click)."""

from django.http import Http404

ITEM_GONE = "That exercise isn't in your routine any more, so nothing was changed."
ROUTINE_GONE = "That routine isn't in your plan any more, so nothing was changed."
ACTIVITY_GONE = "That activity isn't in your log any more, so nothing was changed."


class Gone(Http404):
    """A 404 whose message is for the person: the 404 page shows it and, since htmx swaps
    nothing on a 404, an htmx request gets it announced instead."""
