"""Benchmarks: not tests; each prints what it measured (`make bench`)."""
