"""One worker of the 2-worker test (or the single-process reference without a cluster).

    python multiworker_worker.py OUT [PORT0 PORT1 INDEX]

Trains a small DCGAN for one epoch of 64 images in global batches of 16, with SGD, under
`MultiWorkerMirroredStrategy` when a cluster is given, and writes every weight to OUT.
"""

import json
import os
import sys

if len(sys.argv) > 2:
    ports, index = sys.argv[2:4], int(sys.argv[4])
    os.environ["TF_CONFIG"] = json.dumps({
        "cluster": {"worker": [f"127.0.0.1:{port}" for port in ports]},
        "task": {"type": "worker", "index": index},
    })

import keras  # noqa: E402
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

import kerasgan  # noqa: E402
from helpers import random_images, small_dcgan_networks  # noqa: E402


def main():
    keras.utils.set_random_seed(1)
    with kerasgan.distribute.scope("auto") as strategy:
        gan = kerasgan.DCGAN(*small_dcgan_networks(), seed=0)
        gan.compile(keras.optimizers.SGD(0.05), keras.optimizers.SGD(0.05))
    dataset = tf.data.Dataset.from_tensor_slices(random_images(64)).batch(16)
    history = gan.fit(dataset, epochs=1, verbose=0).history
    np.savez(sys.argv[1], replicas=strategy.num_replicas_in_sync, d_loss=history["d_loss"], *gan.get_weights())


if __name__ == "__main__":
    main()
