"""Saves or loads a DCGAN `.keras` file and writes its networks' outputs on fixed inputs.

`python cross_load.py save|load MODEL.keras INPUTS.npz OUTPUTS.npz`: run on the
other backend by tests/test_other_backends.py (fixed z and images, not Keras'
random streams, which differ between backends).
"""

import sys

import keras
import numpy as np

import kerasgan
from helpers import random_images, small_dcgan_networks


def saved_dcgan(path):
    gan = kerasgan.DCGAN(*small_dcgan_networks(), seed=0, ema_decay=0.5)
    gan.compile()
    gan.fit(random_images(32), batch_size=16, epochs=1, shuffle=False, verbose=0)
    gan.save(path)
    return gan


def outputs(gan, inputs):
    return {
        "samples": np.asarray(gan.predict(inputs["z"], verbose=0)),  # the moving average
        "scores": keras.ops.convert_to_numpy(gan.discriminator(inputs["images"])),
    }


if __name__ == "__main__":
    action, model_path, inputs_path, outputs_path = sys.argv[1:]
    gan = saved_dcgan(model_path) if action == "save" else kerasgan.load_model(model_path)
    np.savez(outputs_path, **outputs(gan, np.load(inputs_path)))
