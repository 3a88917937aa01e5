"""Benchmark settings: the local settings plus one bare view to compare against."""

from holdfast.settings.dev import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
