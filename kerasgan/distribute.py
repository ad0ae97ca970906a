"""Replica-aware helpers for training under a distribution strategy.

Losses are averaged over the global batch and noise is drawn for the global
batch, each replica keeping its own rows, so that N replicas compute what one
device computes. The implementations live in `kerasgan.backend`. `scope`
runs a block under a distribution chosen by name, on TensorFlow or JAX.
"""

import contextlib
import functools
import json
import os

import keras

from kerasgan.backend import global_batch_mean  # noqa: F401
from kerasgan.backend import global_mean  # noqa: F401
from kerasgan.backend import global_std  # noqa: F401
from kerasgan.backend import local_mean  # noqa: F401
from kerasgan.backend import replica_id_and_count  # noqa: F401
from kerasgan.backend import replica_rows  # noqa: F401


KINDS = ("auto", "default", "mirrored", "multiworker", "tpu")


def resolve_kind(kind, environment=None, num_local_devices=1, tpu_available=False):
    """The concrete strategy `kind` ("auto" chosen from the environment) names.

    "auto": a TPU if one is named (`TPU_NAME`, `COLAB_TPU_ADDR`); several workers when `TF_CONFIG` lists
    more than one; all local accelerators when there are several; else the
    default (one device).
    """
    if kind not in KINDS:
        raise ValueError(f"Unknown strategy {kind!r}; choose one of {', '.join(KINDS)}.")
    if kind != "auto":
        return kind
    if tpu_available:
        return "tpu"
    config = json.loads((os.environ if environment is None else environment).get("TF_CONFIG") or "{}")
    workers = config.get("cluster", {}).get("worker", [])
    if len(workers) > 1:
        return "multiworker"
    return "mirrored" if num_local_devices > 1 else "default"


@contextlib.contextmanager
def scope(kind="auto"):
    """Runs its block under a distribution: create, compile and `fit` the model inside.

        with kerasgan.distribute.scope("mirrored"):
            gan = kerasgan.DCGAN()
            gan.compile()
            gan.fit(dataset_of_global_batches, epochs=10)

    On TensorFlow this is a `tf.distribute` strategy's scope ("mirrored":
    `MirroredStrategy` over the local GPUs, or the CPU; "multiworker":
    `MultiWorkerMirroredStrategy` from `TF_CONFIG`; "tpu": `TPUStrategy`;
    "default": one device). On JAX it is `keras.distribution.DataParallel`
    over the local devices for "mirrored" (the others are TensorFlow's). The
    dataset's batch is the global batch: each of N replicas takes 1/N of it,
    and losses are averaged over all of it, so results do not depend on N.
    Yields the strategy (TensorFlow) or distribution (JAX), or None.
    """
    if keras.backend.backend() == "jax":
        yield from _jax_scope(kind)
    elif keras.backend.backend() == "tensorflow":
        yield from _tensorflow_scope(kind)
    else:
        if resolve_kind(kind) != "default":
            raise ValueError(f"The {keras.backend.backend()} backend trains on one device here; use scope('default').")
        yield None


def _jax_scope(kind):
    devices = keras.distribution.list_devices()
    resolved = resolve_kind(kind, num_local_devices=len(devices))
    if resolved in ("multiworker", "tpu"):
        raise ValueError(f"scope({kind!r}) is TensorFlow's; on JAX use 'mirrored' (keras.distribution).")
    if resolved == "default":
        yield None
        return
    previous = keras.distribution.distribution()
    distribution = keras.distribution.DataParallel(devices=devices)
    keras.distribution.set_distribution(distribution)
    try:
        yield distribution
    finally:
        keras.distribution.set_distribution(previous)


def _tensorflow_scope(kind):
    import tensorflow as tf

    # Physical devices: listing them leaves the runtime uninitialised, as MultiWorkerMirroredStrategy needs.
    resolved = resolve_kind(
        kind, num_local_devices=len(tf.config.list_physical_devices("GPU")), tpu_available=_tpu_available(kind)
    )
    if resolved == "tpu":
        resolver = tf.distribute.cluster_resolver.TPUClusterResolver()
        tf.config.experimental_connect_to_cluster(resolver)
        tf.tpu.experimental.initialize_tpu_system(resolver)
        strategy = tf.distribute.TPUStrategy(resolver)
    elif resolved == "multiworker":
        strategy = tf.distribute.MultiWorkerMirroredStrategy()
    elif resolved == "mirrored":
        strategy = local_mirrored_strategy()
    else:
        strategy = tf.distribute.get_strategy()
    with strategy.scope():
        yield strategy


@functools.lru_cache(maxsize=None)
def local_mirrored_strategy():
    """The process's one `MirroredStrategy` over the local GPUs (or CPUs): a second strategy over
    the same devices can reuse the first one's collective keys, and synchronized BatchNorm then
    aborts with a shape mismatch between unrelated collectives."""
    import tensorflow as tf

    devices = tf.config.list_logical_devices("GPU") or tf.config.list_logical_devices("CPU")
    return tf.distribute.MirroredStrategy([device.name for device in devices])


def is_chief(strategy=None):
    """Whether this process writes the run's files: True except on the non-chief workers of a
    multi-worker TensorFlow `strategy` (default: the current one); the chief is task "chief", or
    worker 0 when there is none. Every worker must still take part in a save: reading replicated
    variables is a collective."""
    if keras.backend.backend() != "tensorflow":
        return True
    import tensorflow as tf

    resolver = getattr(strategy or tf.distribute.get_strategy(), "cluster_resolver", None)
    if resolver is None or not resolver.task_type:
        return True
    if resolver.task_type == "chief":
        return True
    has_chief = "chief" in resolver.cluster_spec().as_dict()
    return resolver.task_type == "worker" and resolver.task_id == 0 and not has_chief


def _tpu_available(kind):
    """Whether "auto" should use a TPU: one is named in the environment (probing for one
    would wait on the cloud metadata server)."""
    return kind == "auto" and any(os.environ.get(name) for name in ("TPU_NAME", "COLAB_TPU_ADDR"))
