"""Evaluation metrics for generative models."""

from kerasgan.metrics.frechet import activation_statistics
from kerasgan.metrics.frechet import fid_from_activations
from kerasgan.metrics.frechet import frechet_distance
from kerasgan.metrics.modes import mode_coverage
