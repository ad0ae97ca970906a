"""Replica-aware helpers for training under a distribution strategy.

Losses are averaged over the global batch and noise is drawn for the global
batch, each replica keeping its own rows, so that N replicas compute what one
device computes. The implementations live in `kerasgan.backend`.
"""

from kerasgan.backend import global_batch_mean  # noqa: F401
from kerasgan.backend import global_mean  # noqa: F401
from kerasgan.backend import global_std  # noqa: F401
from kerasgan.backend import local_mean  # noqa: F401
from kerasgan.backend import replica_id_and_count  # noqa: F401
from kerasgan.backend import replica_rows  # noqa: F401
