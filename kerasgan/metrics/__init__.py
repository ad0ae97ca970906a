"""Evaluation metrics for generative models."""

from kerasgan.metrics.modes import mode_coverage
