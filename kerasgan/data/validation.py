"""Checks on real data before training, with errors that name the problem."""

import numpy as np
import tensorflow as tf

# Slack for float rounding when checking the [-1, 1] range.
RANGE_TOLERANCE = 1e-3


def check_value_range(values, what="images"):
    """Raises if `values` (numpy) is not float data scaled to [-1, 1]."""
    values = np.asarray(values)
    if values.size == 0:
        raise ValueError(f"The {what} are empty.")
    if not np.issubdtype(values.dtype, np.floating):
        raise ValueError(
            f"The {what} have dtype {values.dtype}; kerasgan expects floats in "
            "[-1, 1]. Scale uint8 images with x / 127.5 - 1 (or use "
            "kerasgan.data.scale_images)."
        )
    if not np.all(np.isfinite(values)):
        raise ValueError(f"The {what} contain NaN or infinite values.")
    low, high = float(values.min()), float(values.max())
    if low < -1 - RANGE_TOLERANCE or high > 1 + RANGE_TOLERANCE:
        raise ValueError(
            f"The {what} range over [{low:g}, {high:g}], outside [-1, 1]. Scale "
            "uint8 images with x / 127.5 - 1 (or use kerasgan.data.scale_images)."
        )


def check_example_shape(shape, expected, what="real data"):
    """Raises if one example's shape differs from what the generator makes."""
    shape, expected = tuple(shape), tuple(expected)
    if len(shape) != len(expected):
        raise ValueError(
            f"The {what} has examples of rank {len(shape)} and shape {shape}; "
            f"the generator makes shape {expected}. Images must be NHWC "
            "batches (add a channel axis to grayscale images)."
        )
    for got, want in zip(shape, expected):
        if got is not None and want is not None and got != want:
            raise ValueError(
                f"The {what} has examples of shape {shape}, but the generator "
                f"makes shape {expected} (channels last)."
            )


def check_training_data(x, example_shape, check_range=True):
    """Validates what is passed to `fit`: shape, dtype, range, emptiness.

    Arrays are checked whole; for a `tf.data.Dataset` the element spec is
    checked and the first batch's values are inspected.
    """
    if isinstance(x, tf.data.Dataset):
        if x.cardinality() == 0:
            raise ValueError("The training dataset is empty.")
        spec = x.element_spec
        if isinstance(spec, tuple):
            spec = spec[0]
        if not isinstance(spec, tf.TensorSpec):
            raise ValueError(
                "The training dataset must yield image (or vector) batches, "
                f"optionally with labels; got element spec {x.element_spec}."
            )
        check_example_shape(spec.shape[1:], example_shape, "training dataset")
        if check_range:
            for batch in x.take(1):
                first = batch[0] if isinstance(batch, tuple) else batch
                check_value_range(first.numpy(), "training images")
        return
    if x is None:
        raise ValueError("fit() needs real training data as `x`.")
    if isinstance(x, (tuple, list)):
        x = x[0]
    values = np.asarray(x)
    if values.shape[0] == 0:
        raise ValueError("The training data are empty.")
    check_example_shape(values.shape[1:], example_shape, "training data")
    if check_range:
        check_value_range(values, "training images")
