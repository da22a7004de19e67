"""Helpers for tests, the headless tour and benchmarks: a hand-driven clock, the headless app harness."""
