"""Benchmark settings: the local settings plus one bare view to compare against."""

from holdfast.settings.dev import *  # noqa: F403 - an environment's settings extend the shared ones

ROOT_URLCONF = "bench.urls"
