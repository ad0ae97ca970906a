"""Publishes a facades recipe's trained translator as a zoo entry, then scores it.

    python tools/publish_translation_entry.py runs/pix2pix_facades pix2pix_facades \
        --recipe "python recipes/pix2pix_facades.py --data-dir DIR" --data-dir DIR \
        --description "pix2pix, CMP Facades label map -> photo, 128x128" --baseline-run runs/unet_l1_facades

Reads `model.keras` and `results.json` from the run folder and writes
`kerasgan/zoo/<name>/`: for pix2pix `model.keras`, its generator (label map
-> photo); for CycleGAN `model.keras` (G, photo -> label map, the default
direction "a2b") and `b2a.keras` (F, label map -> photo), listed under
"directions"; the run's validation grids; and `card.json` (data and split,
recipe, image size, width, epochs and steps, batch, seed, wall time and
machine, the metrics of `tools/evaluate_translation_entry.py` with its
command, and the sha256 of every file). Every file is written atomically.
"""

import argparse
import json
import os
import shutil

import kerasgan
from evaluate_translation_entry import entry_scores, metrics_command
from evaluate_zoo_entry import write_metrics_to_card
from kerasgan.io import atomic_write_bytes, save_model_atomically
from kerasgan.zoo import CARD_FILE, MODEL_FILE, file_sha256
from kerasgan.zoo.publishing import machine

B2A_FILE = "b2a.keras"
SETTINGS = ("epochs", "steps", "batch_size", "image_size", "width", "max_filters", "seed", "pool_size",
            "identity_weight", "patch_downsamplings")


def write_card(entry, card):
    atomic_write_bytes(os.path.join(entry, CARD_FILE), (json.dumps(card, indent=2) + "\n").encode())


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("run_dir", help="a facades recipe's --output-dir")
    parser.add_argument("name", help="the entry's name")
    parser.add_argument("--recipe", required=True, help="the command that trained it")
    parser.add_argument("--description", required=True)
    parser.add_argument("--data-dir", default=None, help="facades pair JPEGs, for the card's metrics")
    parser.add_argument("--zoo-dir", default=kerasgan.zoo.zoo_dir(), help="the zoo to publish into (and score from)")
    parser.add_argument("--limitations", default=None, help="what the entry does not do well, for its card")
    parser.add_argument("--baseline-run", default=None,
                        help="pix2pix: the --l1-only run of the same recipe, whose figures the card lists beside")
    args = parser.parse_args()
    os.environ[kerasgan.zoo.ZOO_DIR_ENV] = args.zoo_dir
    model = kerasgan.load_model(os.path.join(args.run_dir, "model.keras"))
    with open(os.path.join(args.run_dir, "results.json")) as stream:
        results = json.load(stream)
    entry = os.path.join(args.zoo_dir, args.name)
    os.makedirs(entry, exist_ok=True)
    cyclegan = isinstance(model, kerasgan.CycleGAN)
    grids = ("photo_to_labels.png", "labels_to_photo.png") if cyclegan else ("validation.png",)
    for grid in grids:
        shutil.copyfile(os.path.join(args.run_dir, grid), os.path.join(entry, grid))
    card = {
        "name": args.name,
        "description": args.description,
        "kind": "translator",
        "model": results["model"],
        "image_shape": [results["image_size"], results["image_size"], 3],
        "input_range": "[-1, 1]",
        "output_range": "[-1, 1]",
        "data": results["data"],
        "metrics_split": results["metrics_split"],
        "data_licence": "CMP Facade Database (Tylecek & Sara, GCPR 2013): research use",
        "recipe": args.recipe,
        "training": {key: results[key] for key in SETTINGS if key in results},
        "train_seconds": results["train_seconds"],
        "machine": machine(),
    }
    if cyclegan:
        save_model_atomically(model.generator_a2b, os.path.join(entry, MODEL_FILE), compress=True)
        save_model_atomically(model.generator_b2a, os.path.join(entry, B2A_FILE), compress=True)
        card["directions"] = {"a2b": MODEL_FILE, "b2a": B2A_FILE}
        card["domains"] = {"a": "facade photo", "b": "colour-coded label map"}
        card["palette"] = results["palette"]
        files = (MODEL_FILE, B2A_FILE) + grids
    else:
        save_model_atomically(model.generator, os.path.join(entry, MODEL_FILE), compress=True)
        card["direction"] = "label map -> photo (pix2pix BtoA)"
        if args.baseline_run:
            with open(os.path.join(args.baseline_run, "results.json")) as stream:
                baseline = json.load(stream)
            card["l1_only_unet_baseline"] = {
                "recipe": args.recipe + " --l1-only",
                "epochs": baseline["epochs"],
                **{key: baseline[key] for key in ("l1", "psnr", "sharpness_ratio", "swd")},
            }
        files = (MODEL_FILE,) + grids
    if args.limitations:
        card["limitations"] = args.limitations
    card["files"] = {name: file_sha256(os.path.join(entry, name)) for name in files}
    write_card(entry, card)
    write_metrics_to_card(args.name, entry_scores(args.name, args.data_dir), metrics_command(args.name))
    print(json.dumps(kerasgan.zoo.info(args.name), indent=2))


if __name__ == "__main__":
    main()
