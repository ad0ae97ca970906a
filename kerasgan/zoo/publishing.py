"""Writing zoo entries: a trained GAN's sampling generator, a sample grid and a model card."""

import json
import os
import platform

import keras
import numpy as np

from kerasgan.zoo import CARD_FILE
from kerasgan.zoo import MODEL_FILE
from kerasgan.zoo import file_sha256
from kerasgan.zoo import save_preset
from kerasgan.zoo import zoo_dir

GRID_FILE = "samples.png"
PRESET_FILE = "gan.keras"


def machine():
    """The machine a run trained on, for model cards."""
    return f"{platform.machine()}, {os.cpu_count()} CPUs, Keras {keras.__version__} on {keras.backend.backend()}"


def publish_generator(gan, name, card, directory=None, preset=False):
    """Writes zoo entry `name` for `gan` and returns its card.

    Files, each written atomically: `model.keras`, the generator `generate`
    samples from (the moving average when there is one; what
    `kerasgan.zoo.load(name)` returns); `samples.png`, a 10x10 grid from
    seed 0 (row i shows class i for a conditional generator); with
    `preset=True` also `gan.keras`, the whole GAN without optimizer state
    (`ModelClass.from_preset(name)`). The card is `card` (data, split,
    recipe, training settings, metrics and the command that reproduces
    them) plus what the model says about itself (kind, inputs, image shape,
    number of classes) and the sha256 of every file.
    """
    from kerasgan.io import atomic_write_bytes
    from kerasgan.io import save_image_grid
    from kerasgan.io import save_model_atomically
    from kerasgan.sampling import Sampler

    entry = os.path.join(directory or zoo_dir(), name)
    sampler = Sampler(gan)
    if sampler.conditional and gan.num_classes is None:
        raise ValueError(f"{type(gan).__name__}'s generator takes codes, not class labels: it cannot be a zoo entry.")
    save_model_atomically(gan.sampling_generator, os.path.join(entry, MODEL_FILE), compress=True)
    labels = np.repeat(np.arange(10), 10) % gan.num_classes if sampler.conditional else None
    save_image_grid(sampler.generate(100, labels=labels, seed=0), os.path.join(entry, GRID_FILE), columns=10)
    files = [MODEL_FILE, GRID_FILE]
    if preset:
        save_preset(gan, os.path.join(entry, PRESET_FILE))
        files.append(PRESET_FILE)
    latents = f"z ~ {'U[-1, 1]' if gan.latent_distribution == 'uniform' else 'N(0, I)'} of {gan.latent_dim}"
    card = {
        "name": name,
        "kind": "conditional_generator" if sampler.conditional else "generator",
        "model": type(gan).__name__,
        "inputs": f"[{latents}, labels (int class ids)]" if sampler.conditional else latents,
        "num_classes": gan.num_classes,
        "latent_distribution": gan.latent_distribution,
        "image_shape": list(gan.generator.output_shape[1:]),
        "output_range": "[-1, 1]",
        "machine": machine(),
        **card,
        **({"preset": PRESET_FILE} if preset else {}),
        "files": {file: file_sha256(os.path.join(entry, file)) for file in files},
    }
    atomic_write_bytes(os.path.join(entry, CARD_FILE), (json.dumps(card, indent=2) + "\n").encode())
    return card
