"""Scores a zoo generator against the MNIST validation split and writes the figures into its card.

    python tools/evaluate_zoo_entry.py cgan_mnist --data-dir ../shared/data/mnist [--update-card]

The same figures as `kerasgan evaluate NAME --data-dir DIR`
(`kerasgan.evaluation.evaluate_on_mnist`: `--num-samples` samples from
seeded latents, every class equally often for a conditional generator,
`mnist_classifier` features): classifier FID, classifier score, precision
and recall, and for a conditional generator class agreement and intra-class
FID. Prints them as JSON; `--update-card` writes them into the entry's card
(atomically) with the `kerasgan evaluate` command that reproduces them.
"""

import argparse
import json
import os

import kerasgan
from kerasgan.io import atomic_write_bytes
from kerasgan.zoo import CARD_FILE

CARD_METRICS = ("fid", "inception_score", "precision", "recall", "class_agreement", "intra_fid")


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
    scores = kerasgan.evaluation.evaluate_on_mnist(args.name, args.data_dir, num_samples=args.num_samples, seed=args.seed)
    metrics = {key: round(scores[key], 4) for key in CARD_METRICS if key in scores}
    print(json.dumps(metrics, indent=2))
    if args.update_card:
        command = f"kerasgan evaluate {args.name} --data-dir DIR --num-samples {args.num_samples} --seed {args.seed}"
        write_metrics_to_card(args.name, metrics, command)


if __name__ == "__main__":
    main()
