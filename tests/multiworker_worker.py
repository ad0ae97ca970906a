"""One worker of the 2-worker tests (or the single-process reference without a cluster).

    python multiworker_worker.py OUT [--cluster PORT0 PORT1 INDEX] [--checkpoints DIR] [--kill-epoch E]

Trains a small DCGAN for 3 epochs of 64 images in global batches of 16, with SGD and a
moving average, under `MultiWorkerMirroredStrategy` when a cluster is given, and writes
every weight and optimizer variable to OUT. With `--checkpoints` it saves every epoch
with `ResumableCheckpoint` (and resumes from DIR); with `--kill-epoch` it kills itself
with SIGKILL after the third step of that epoch (counted from 0).
"""

import argparse
import json
import os

arguments = argparse.ArgumentParser()
arguments.add_argument("out")
arguments.add_argument("--cluster", nargs=3)
arguments.add_argument("--checkpoints")
arguments.add_argument("--kill-epoch", type=int)
args = arguments.parse_args()
if args.cluster:
    *ports, index = args.cluster
    os.environ["TF_CONFIG"] = json.dumps({
        "cluster": {"worker": [f"127.0.0.1:{port}" for port in ports]},
        "task": {"type": "worker", "index": int(index)},
    })

import keras  # noqa: E402
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

import kerasgan  # noqa: E402
from helpers import KillMidEpoch, random_images, small_dcgan_networks  # noqa: E402


def main():
    keras.utils.set_random_seed(1)
    with kerasgan.distribute.scope("auto") as strategy:
        gan = kerasgan.DCGAN(*small_dcgan_networks(), seed=0, ema_decay=0.9)
        gan.compile(keras.optimizers.SGD(0.05, momentum=0.5), keras.optimizers.SGD(0.05, momentum=0.5))
    callbacks = []
    if args.checkpoints:
        callbacks.append(kerasgan.callbacks.ResumableCheckpoint(args.checkpoints))
    if args.kill_epoch is not None:
        callbacks.append(KillMidEpoch(args.kill_epoch))
    dataset = tf.data.Dataset.from_tensor_slices(random_images(64)).batch(16)
    history = gan.fit(dataset, epochs=3, callbacks=callbacks, verbose=0)
    optimizer_state = [variable for optimizer in gan.named_optimizers.values() for variable in optimizer.variables]
    values = gan.get_weights() + [keras.ops.convert_to_numpy(variable) for variable in optimizer_state]
    np.savez(args.out, replicas=strategy.num_replicas_in_sync, d_loss=history.history["d_loss"][-1],
             epochs_run=history.epoch, *values)


if __name__ == "__main__":
    main()
