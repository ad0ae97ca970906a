"""Checks on real data before training, with errors that name the problem."""

import keras
import numpy as np

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
            f"the networks take shape {expected}. Images must be NHWC "
            "batches (add a channel axis to grayscale images)."
        )
    for got, want in zip(shape, expected):
        if got is not None and want is not None and got != want:
            raise ValueError(
                f"The {what} has examples of shape {shape}, but the networks "
                f"take shape {expected} (channels last)."
            )


def _batch_parts(element, description):
    """(x, y) of one dataset element: a batch, or a tuple of a batch and its labels or targets."""
    if isinstance(element, dict):
        raise ValueError(
            "The training dataset must yield image (or vector) batches, optionally "
            f"with labels or targets; got {description}."
        )
    parts = element if isinstance(element, tuple) else (element,)
    return np.asarray(parts[0]), (np.asarray(parts[1]) if len(parts) > 1 else None)


def is_batched_dataset(x):
    """Whether `x` yields batches itself (a `tf.data.Dataset` or a `keras.utils.PyDataset`)."""
    return hasattr(x, "element_spec") or isinstance(x, keras.utils.PyDataset)


def every_batch_finite_or_raise(x):
    """`x` with every floating tensor of every element checked for NaN and infinities as the
    input pipeline yields it, if `x` is a `tf.data.Dataset`; any other input as it is.

    For jitted train steps: XLA drops the step's own run-time check.
    """
    if not (hasattr(x, "element_spec") and hasattr(x, "map")):
        return x
    import tensorflow as tf  # only reached with a tf.data.Dataset

    def checked(value):
        if not value.dtype.is_floating:
            return value
        return tf.debugging.assert_all_finite(value, "A training batch holds NaN or infinite values.")

    element_is_tuple = isinstance(x.element_spec, tuple)

    def check(*parts):
        parts = tf.nest.map_structure(checked, parts)
        return parts if element_is_tuple else parts[0]

    return x.map(check)


def _first_batch(x, y):
    """(x, y) of the first batch of a `tf.data.Dataset` or `PyDataset`, or the whole arrays, as numpy."""
    if isinstance(x, keras.utils.PyDataset):
        if x.num_batches == 0:
            raise ValueError("The training dataset is empty.")
        return _batch_parts(x[0], "a dict")
    if hasattr(x, "element_spec"):
        if x.cardinality() == 0:
            raise ValueError("The training dataset is empty.")
        for element in x.take(1):
            return _batch_parts(element, f"element spec {x.element_spec}")
        raise ValueError("The training dataset is empty.")
    if x is None:
        raise ValueError("fit() needs real training data as `x`.")
    if isinstance(x, (tuple, list)) and y is None:
        x, y = (x[0], x[1]) if len(x) == 2 else (x[0], None)
    return np.asarray(x), (None if y is None else np.asarray(y))


def check_images(values, example_shape, what):
    """Raises unless `values` are examples of `example_shape`; images must be floats in [-1, 1]."""
    if values.shape[0] == 0:
        raise ValueError(f"The {what} are empty.")
    check_example_shape(values.shape[1:], example_shape, what)
    if len(example_shape) != 3:
        return  # vectors (toy data) may range freely
    check_value_range(values, what)
    if values.min() >= 0.0:
        raise ValueError(
            f"The {what} have no negative values: they look scaled to [0, 1], but "
            "kerasgan expects [-1, 1] (a real image's background is -1). Use x * 2 - 1 "
            "for [0, 1] floats or kerasgan.data.scale_images for uint8 images."
        )


def check_labels(labels, num_classes, count):
    """Raises unless `labels` are `count` integer class ids in [0, num_classes)."""
    if labels is None:
        raise ValueError("These networks are conditional: fit on (images, labels) batches.")
    if not np.issubdtype(labels.dtype, np.integer):
        raise ValueError(f"Labels must be integer class ids, got dtype {labels.dtype}.")
    if labels.shape != (count,):
        raise ValueError(f"Labels must have shape [batch] = ({count},), got {labels.shape}.")
    if labels.min() < 0 or (num_classes is not None and labels.max() >= num_classes):
        upper = "num_classes" if num_classes is None else num_classes
        raise ValueError(f"Labels must lie in [0, {upper}), got {labels.min()}..{labels.max()}.")


def check_training_data(
    x,
    y,
    example_shape,
    layout="unconditional",
    condition_shape=None,
    num_classes=None,
    batch_multiple=1,
    what="training images",
    array_batch_size=None,
):
    """Validates what is passed to `fit` (or `translate`), raising with what to do.

    Arrays are checked whole; for a `tf.data.Dataset` or `PyDataset` the first batch is
    inspected (every later batch is checked for NaN by the train step, or by the dataset's
    pipeline where the step is jitted: `every_batch_finite_or_raise`). Layouts are
    those of `kerasgan.core.inputs`: unconditional `x`; labelled `(x,
    labels)`; paired `(input_image, target_image)`. `batch_multiple` is the
    number of real minibatches one step splits a batch into (n_critic); arrays are cut into
    batches of `array_batch_size` (Keras' default 32 when None), each of which must split.
    """
    first_x, first_y = _first_batch(x, y)
    if layout == "paired":
        if first_y is None:
            raise ValueError("A translating generator trains on (input_image, target_image) pairs.")
        check_images(first_x, condition_shape, "input images")
        real = first_y
    else:
        real = first_x
    check_images(real, example_shape, what)
    if layout == "labelled":
        check_labels(first_y, num_classes, len(first_x))
    if is_batched_dataset(x) and len(real) % batch_multiple:
        raise ValueError(
            f"Each train step splits its batch into {batch_multiple} real minibatches "
            f"(n_critic), but the first batch has {len(real)} examples: batch the data "
            f"with a multiple of {batch_multiple} (n_critic * batch_size)."
        )
    if not is_batched_dataset(x) and batch_multiple > 1:
        _check_array_batches(len(real), array_batch_size or 32, batch_multiple)


def _check_array_batches(count, batch_size, batch_multiple):
    """Raises unless every batch `fit` cuts from `count` examples splits into `batch_multiple`
    equal minibatches (the last batch holds the remainder)."""
    last = count % batch_size
    if batch_size % batch_multiple == 0 and last % batch_multiple == 0:
        return
    bad = f"batch_size={batch_size}" if batch_size % batch_multiple else f"the last batch ({last} of {count} examples)"
    raise ValueError(
        f"Each train step splits its batch into n_critic={batch_multiple} real minibatches, and {bad} "
        f"does not split evenly. Pass batch_size={batch_multiple} * minibatch (e.g. "
        f"{batch_multiple * max(1, batch_size // batch_multiple)}), and use a number of examples that "
        "fills whole batches (or drop the remainder: x[: len(x) // batch_size * batch_size])."
    )
