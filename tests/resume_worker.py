"""A small DCGAN run with `ResumableCheckpoint`, for the kill-and-resume tests.

    python resume_worker.py DIR [kill-mid-epoch EPOCH | kill-during-save SAVE]

Trains 4 epochs of 6 steps (a moving average, historical averages and the noise state
included), killing itself with SIGKILL when asked: after the third step of epoch EPOCH
(counted from 0), or inside the SAVE-th save, after the temporary file is written and
before it is renamed. A run that finishes writes every weight and optimizer variable to
DIR/final.npz, and the epochs it ran to DIR/epochs_run.npy.
"""

import os
import signal
import sys

import keras
import numpy as np

import kerasgan
from helpers import KillMidEpoch, random_images, small_dcgan_networks


def kill_inside_save(number):
    original, saves = keras.Model.save, []

    def save_then_die(model, path, *args, **kwargs):
        original(model, path, *args, **kwargs)
        saves.append(path)
        if len(saves) == number:
            os.kill(os.getpid(), signal.SIGKILL)

    keras.Model.save = save_then_die


def main():
    directory, mode, at = sys.argv[1], *(sys.argv[2:4] + [None, None])[:2]
    keras.utils.set_random_seed(0)
    gan = kerasgan.DCGAN(*small_dcgan_networks(), seed=0, ema_decay=0.9, historical_averaging=0.01)
    gan.compile()
    callbacks = [kerasgan.callbacks.ResumableCheckpoint(os.path.join(directory, "checkpoints"))]
    if mode == "kill-mid-epoch":
        callbacks.append(KillMidEpoch(int(at)))
    elif mode == "kill-during-save":
        kill_inside_save(int(at))
    history = gan.fit(random_images(48), batch_size=8, epochs=4, shuffle=False, callbacks=callbacks, verbose=0)
    optimizer_state = [variable for optimizer in gan.named_optimizers.values() for variable in optimizer.variables]
    values = gan.get_weights() + [keras.ops.convert_to_numpy(variable) for variable in optimizer_state]
    np.savez(os.path.join(directory, "final.npz"), *values)
    np.save(os.path.join(directory, "epochs_run.npy"), history.epoch)


if __name__ == "__main__":
    main()
