"""Scores a zoo generator against the MNIST validation split, as its model card reports.

    python tools/evaluate_zoo_entry.py cgan_mnist --data-dir ../shared/data/mnist [--update-card]

Draws `--num-samples` samples (every class equally often for a conditional
generator), scores them with the `mnist_classifier` features: classifier FID,
classifier score, precision and recall, and for a conditional generator class
agreement and intra-class FID. Prints the figures as JSON; `--update-card`
writes them into the entry's card (atomically) with this command.
"""

import argparse
import json
import os

import numpy as np

import kerasgan
from kerasgan.io import atomic_write_bytes
from kerasgan.zoo import CARD_FILE

STANDARD = ("fid", "inception_score", "precision_recall")
CONDITIONAL = ("class_agreement", "intra_fid")


def write_metrics_to_card(name, metrics, command):
    """Replaces the metrics of zoo entry `name`'s card, with the command that measured them (atomically)."""
    card = kerasgan.zoo.info(name)
    card["metrics"] = metrics
    card["metrics_command"] = command
    path = os.path.join(kerasgan.zoo.entry_dir(name), CARD_FILE)
    atomic_write_bytes(path, (json.dumps(card, indent=2) + "\n").encode())


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("name")
    parser.add_argument("--data-dir", default=None, help="MNIST IDX folder (default: $KERASGAN_MNIST_DIR)")
    parser.add_argument("--num-samples", type=int, default=kerasgan.metrics.defaults.NUM_SAMPLES)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--update-card", action="store_true")
    args = parser.parse_args()
    card = kerasgan.zoo.info(args.name)
    generator = kerasgan.zoo.load(args.name)
    conditional = card.get("num_classes") is not None
    rng = np.random.default_rng(args.seed)
    z = rng.normal(size=(args.num_samples, generator.inputs[0].shape[-1])).astype("float32")
    labels = np.arange(args.num_samples) % card["num_classes"] if conditional else None
    samples = np.asarray(generator.predict([z, labels] if conditional else z, batch_size=256, verbose=0))
    real, real_labels = kerasgan.data.load_mnist(args.data_dir, split="validation", with_labels=True)
    scores = kerasgan.evaluation.evaluate_samples(
        samples, kerasgan.data.scale_images(real), "mnist_classifier",
        STANDARD + (CONDITIONAL if conditional else ()), real_labels=real_labels, fake_labels=labels,
    )
    metrics = {key: round(scores[key], 4) for key in ("fid", "inception_score", "precision", "recall", "class_agreement", "intra_fid") if key in scores}
    print(json.dumps(metrics, indent=2))
    if args.update_card:
        command = f"python tools/evaluate_zoo_entry.py {args.name} --data-dir DIR --num-samples {args.num_samples} --seed {args.seed}"
        write_metrics_to_card(args.name, metrics, command)


if __name__ == "__main__":
    main()
