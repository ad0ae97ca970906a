"""Checks shared by the metrics that compare two sets of [n, d] features."""

import numpy as np


def as_features(name, values):
    """`values` as a float64 [n, d] array of finite numbers; raises naming `name` otherwise."""
    values = np.asarray(values, dtype=np.float64)
    if values.ndim != 2:
        raise ValueError(f"{name} must be [n, d] features, got shape {values.shape}.")
    if not np.all(np.isfinite(values)):
        raise ValueError(f"{name} contain NaN or infinite values.")
    return values


def feature_pair(first, second, names=("real", "fake")):
    """Both sets checked by `as_features`, with the same feature size d."""
    first, second = as_features(names[0], first), as_features(names[1], second)
    if first.shape[1] != second.shape[1]:
        raise ValueError(f"Feature sizes differ: {first.shape[1]} vs {second.shape[1]}.")
    return first, second
