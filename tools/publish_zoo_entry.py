"""Publishes a recipe's trained GAN as a zoo entry: its sampling generator, a grid, a model card.

    python tools/publish_zoo_entry.py runs/cgan_mnist cgan_mnist \
        --recipe "cd recipes && python cgan_mnist.py --data-dir DIR" \
        --description "Class-conditional DCGAN, projection discriminator, MNIST 28x28"

For runs made before the recipes had `--publish` (which does the same).
Reads `model.keras` and `results.json` from the run folder and writes
`kerasgan/zoo/<name>/` with `kerasgan.zoo.publishing.publish_generator`:
`model.keras` (the generator `generate` samples from: the moving average when
there is one), `samples.png` (10x10; for a conditional generator row i shows
class i) and `card.json` (data and split, recipe, steps, batch, seed, wall
time and machine, the run's figures with the split they were measured on,
data licence, and the sha256 of every file); `--preset` adds the whole GAN.
"""

import argparse
import json
import os

import kerasgan
from kerasgan.zoo.publishing import publish_generator

METRIC_KEYS = ("fid", "inception_score", "precision", "recall", "class_agreement", "intra_fid")
MNIST = {
    "data": "MNIST training images 0-54,999 (kerasgan split 'train')",
    "metrics_split": "MNIST training images 55,000-59,999 (kerasgan split 'validation'), 5,000 samples, mnist_classifier features",
    "data_licence": "MNIST: CC BY-SA 3.0",
}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("run_dir", help="a recipe's --output-dir")
    parser.add_argument("name", help="the entry's name")
    parser.add_argument("--recipe", required=True, help="the command that trained it")
    parser.add_argument("--description", required=True)
    parser.add_argument("--zoo-dir", default=None, help="default: $KERASGAN_ZOO_DIR, else the package's zoo")
    parser.add_argument("--preset", action="store_true", help="ship the whole GAN too (from_preset)")
    args = parser.parse_args()
    gan = kerasgan.load_model(os.path.join(args.run_dir, "model.keras"))
    with open(os.path.join(args.run_dir, "results.json")) as stream:
        results = json.load(stream)
    card = {
        "description": args.description,
        **MNIST,
        "recipe": args.recipe,
        "training": {key: results[key] for key in ("steps", "batch_size", "latent_dim", "ema_decay", "seed") if key in results},
        "train_seconds": results["train_seconds"],
        "metrics": {key: results[key] for key in METRIC_KEYS if key in results},
        "metrics_command": f"kerasgan evaluate {args.name} --data-dir DIR",
    }
    print(json.dumps(publish_generator(gan, args.name, card, directory=args.zoo_dir, preset=args.preset), indent=2))


if __name__ == "__main__":
    main()
