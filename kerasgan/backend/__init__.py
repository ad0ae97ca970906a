"""The one place that knows how the Keras backend trains: gradients, replicas, assertions.

Every model, loss and penalty computes with `keras.ops`; what has no
`keras.ops` equivalent (taking gradients, the replica context of a
distribution strategy, running a state update once across replicas, in-graph
assertions) is a function of this module, implemented once per Keras backend.
`kerasgan.backend.tensorflow`, `kerasgan.backend.jax` and
`kerasgan.backend.torch` implement the names in `INTERFACE` (the last two
share `kerasgan.backend.one_replica`); another backend is one new module with
the same names.
"""

import importlib

import keras

BACKEND = keras.backend.backend()
SUPPORTED = ("tensorflow", "jax", "torch")

# What every backend module provides: the whole seam.
INTERFACE = (
    "adapt_train_step",
    "all_gather",
    "all_finite_or_raise",
    "batch_size",
    "default_jit_compile",
    "divisible_batch_or_raise",
    "global_batch_mean",
    "global_mean",
    "global_std",
    "input_gradients",
    "local_mean",
    "losses_and_gradients",
    "replica_id_and_count",
    "replica_rows",
    "run_once_across_replicas",
    "variable_creation_scope",
)

if BACKEND not in SUPPORTED:
    raise ImportError(
        f"kerasgan trains on Keras' TensorFlow, JAX or PyTorch backend; KERAS_BACKEND={BACKEND!r} is "
        "not supported. Set KERAS_BACKEND to one of tensorflow, jax, torch."
    )
_implementation = importlib.import_module(f"kerasgan.backend.{BACKEND}")
globals().update({name: getattr(_implementation, name) for name in INTERFACE})
