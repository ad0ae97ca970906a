"""Publishes a recipe's trained GAN as a zoo entry: its sampling generator, a grid, a model card.

    python tools/publish_zoo_entry.py runs/cgan_mnist cgan_mnist \
        --recipe "cd recipes && python cgan_mnist.py --data-dir DIR" \
        --description "Class-conditional DCGAN, projection discriminator, MNIST 28x28"

Reads `model.keras` and `results.json` from the run folder and writes
`kerasgan/zoo/<name>/`: `model.keras` (the generator `generate` samples
from: the moving average when there is one; `kerasgan.zoo.load(name)` returns
it), `samples.png` (10x10; for a conditional generator row i shows class i),
and `card.json` (data and split, recipe, image size, steps, batch, seed, wall
time and machine, every figure of `results.json` with the split it was
measured on, data licence, and the sha256 of every file). Every file is
written atomically.
"""

import argparse
import json
import os
import platform

import keras
import numpy as np

import kerasgan
from kerasgan.io import atomic_write_bytes, save_image_grid, save_model_atomically
from kerasgan.zoo import CARD_FILE, MODEL_FILE, file_sha256

ZOO = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "kerasgan", "zoo")
GRID_FILE = "samples.png"
METRIC_KEYS = ("fid", "inception_score", "inception_score_std", "precision", "recall", "class_agreement", "intra_fid")
MNIST = {
    "data": "MNIST training images 0-54,999 (kerasgan split 'train')",
    "metrics_split": "MNIST training images 55,000-59,999 (kerasgan split 'validation'), 5,000 samples, mnist_classifier features",
    "data_licence": "MNIST: CC BY-SA 3.0",
}


def machine():
    return f"{platform.machine()}, {os.cpu_count()} CPUs, Keras {keras.__version__} on {keras.backend.backend()}"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("run_dir", help="a recipe's --output-dir")
    parser.add_argument("name", help="the entry's name")
    parser.add_argument("--recipe", required=True, help="the command that trained it")
    parser.add_argument("--description", required=True)
    parser.add_argument("--zoo-dir", default=ZOO)
    args = parser.parse_args()
    gan = kerasgan.load_model(os.path.join(args.run_dir, "model.keras"))
    with open(os.path.join(args.run_dir, "results.json")) as stream:
        results = json.load(stream)
    entry = os.path.join(args.zoo_dir, args.name)
    save_model_atomically(gan.sampling_generator, os.path.join(entry, MODEL_FILE))
    conditional = gan.num_classes is not None
    labels = np.repeat(np.arange(10), 10) if conditional else None
    save_image_grid(gan.generate(100, labels=labels, seed=0), os.path.join(entry, GRID_FILE), columns=10)
    training = {key: results[key] for key in ("steps", "batch_size", "latent_dim", "ema_decay") if key in results}
    figures = {key: results[key] for key in METRIC_KEYS if key in results}
    card = {
        "name": args.name,
        "description": args.description,
        "kind": "conditional_generator" if conditional else "generator",
        "model": results.get("model"),
        "inputs": f"[z ~ N(0, I) of {gan.latent_dim}, labels (int class ids)]" if conditional else f"z ~ N(0, I) of {gan.latent_dim}",
        "num_classes": gan.num_classes,
        "image_shape": list(gan.generator.output_shape[1:]),
        "output_range": "[-1, 1]",
        **MNIST,
        "recipe": args.recipe,
        "training": {**training, "seed": results.get("seed", 0)},
        "train_seconds": results["train_seconds"],
        "machine": machine(),
        "metrics": figures,
        "metrics_command": args.recipe + " (the recipe scores its samples when it ends)",
        "files": {name: file_sha256(os.path.join(entry, name)) for name in (MODEL_FILE, GRID_FILE)},
    }
    atomic_write_bytes(os.path.join(entry, CARD_FILE), (json.dumps(card, indent=2) + "\n").encode())
    print(json.dumps(card, indent=2))


if __name__ == "__main__":
    main()
