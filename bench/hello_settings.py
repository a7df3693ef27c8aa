"""BackCare's settings with one change: every request goes to the bare "hello" view."""

from backcare.settings import *  # noqa: F403

ROOT_URLCONF = "bench.hello"
