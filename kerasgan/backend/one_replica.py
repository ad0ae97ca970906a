"""The replica helpers of a backend whose train step sees the whole global batch (JAX, PyTorch).

Under `keras.distribution.DataParallel` JAX shards the global batch itself,
so batch means are global means and there is one "replica"; a PyTorch
process trains on one device.
"""

from keras import ops

__all__ = [
    "all_gather",
    "batch_size",
    "divisible_batch_or_raise",
    "global_batch_mean",
    "global_mean",
    "global_std",
    "local_mean",
    "replica_id_and_count",
    "replica_rows",
    "run_once_across_replicas",
]


def replica_id_and_count():
    return 0, 1


def all_gather(values):
    return values


def batch_size(values):
    return values.shape[0]


def _mean_per_example(per_example):
    per_example = ops.cast(per_example, "float32")
    if len(per_example.shape) > 1:
        per_example = ops.mean(per_example, axis=tuple(range(1, len(per_example.shape))))
    return per_example


def global_batch_mean(per_example):
    return ops.mean(_mean_per_example(per_example))


def local_mean(per_example):
    return ops.mean(ops.cast(per_example, "float32"))


def replica_rows(draw, local_batch):
    return draw(local_batch)


def global_mean(values):
    return ops.mean(ops.cast(values, "float32"))


def global_std(values):
    return ops.std(ops.cast(values, "float32"))


def run_once_across_replicas(update):
    update()


def divisible_batch_or_raise(values, divisor, message):
    """Raises `message` when the step's (static) batch is not a multiple of `divisor`."""
    if values.shape[0] % divisor:
        raise ValueError(f"{message} Got a batch of {values.shape[0]}.")
    return values
