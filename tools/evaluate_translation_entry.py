"""Scores a zoo translator on the facades validation split, as its model card reports.

    python tools/evaluate_translation_entry.py pix2pix_facades --data-dir ../shared/data/facades/train
    python tools/evaluate_translation_entry.py cyclegan_facades --data-dir ... [--update-card]
    python tools/evaluate_translation_entry.py runs/cyclegan_facades/checkpoints/epoch-00100.keras --data-dir ...

pix2pix_facades (label map -> photo): L1, PSNR and sharpness ratio of its
translations of the 40 validation label maps against the true photos, beside
the mean training photo's. cyclegan_facades: photo -> labels per-pixel
accuracy, per-class accuracy and class IoU (nearest of the card's 12 palette
colours) beside three baselines with the gains' 95% intervals (`kerasgan.metrics.label_scores`), cycle
reconstruction L1 both ways, and labels -> photo L1. The translators' dropout (pix2pix) draws from the seeds saved
in the entry, so the figures repeat exactly. `--update-card` writes them
into the card (atomically) with this command. A path instead of a name scores
a CycleGAN that a recipe saved (its model.keras, or a checkpoint of a run in
progress) the same way, with the palette the recipe finds in the training
label maps at the model's size (64x64 or more).
"""

import argparse
import json

import numpy as np

import kerasgan
from evaluate_zoo_entry import write_metrics_to_card


def _translate(network, images):
    return np.asarray(network.predict(images, batch_size=8, verbose=0))


def _validation_pairs(data_dir, side):
    """(photos, label maps) of the facades validation split at side x side, in [-1, 1]."""
    return tuple(kerasgan.data.scale_images(images)
                 for images in kerasgan.data.load_facades(data_dir, "validation", size=side))


def entry_scores(name, data_dir):
    """The figures of zoo translator `name` on the facades validation split."""
    card = kerasgan.zoo.info(name)
    side = card["image_shape"][0]
    photos, label_maps = _validation_pairs(data_dir, side)
    train_photos, train_labels = (kerasgan.data.scale_images(images)
                                  for images in kerasgan.data.load_facades(data_dir, "train", size=side))
    if card["model"] == "Pix2Pix":
        translated = _translate(kerasgan.zoo.load(name), label_maps)
        mean_photo = np.broadcast_to(train_photos.mean(axis=0), photos.shape)
        return {**kerasgan.metrics.paired_scores(translated, photos),
                "mean_photo_baseline": kerasgan.metrics.paired_scores(mean_photo, photos)}
    to_labels, to_photos = kerasgan.zoo.load(name, direction="a2b"), kerasgan.zoo.load(name, direction="b2a")
    palette = np.asarray(card["palette"], dtype=np.uint8)
    return cyclegan_scores(to_labels, to_photos, (photos, label_maps), palette, train_labels)


def saved_cyclegan_scores(path, data_dir):
    """The figures of a CycleGAN saved by `recipes/cyclegan_facades.py` (model or checkpoint) at `path`."""
    gan = kerasgan.load_model(path)
    side = gan.shape_a[0]
    if side < 64:
        raise ValueError(f"{path!r} translates {side}x{side} images: the label palette is found in training maps "
                         "of 64x64 or more.")
    _, train_label_maps = kerasgan.data.load_facades(data_dir, "train", size=side)
    palette = kerasgan.data.facade_label_colors(train_label_maps)
    return cyclegan_scores(gan.translator("a2b"), gan.translator("b2a"), _validation_pairs(data_dir, side), palette,
                           kerasgan.data.scale_images(train_label_maps))


def cyclegan_scores(to_labels, to_photos, validation_pairs, palette, train_labels):
    """Photo -> labels scores, both cycles' L1 and labels -> photo L1 of two translators on (photos, label maps)."""
    photos, label_maps = validation_pairs
    predicted_labels, predicted_photos = _translate(to_labels, photos), _translate(to_photos, label_maps)
    return {
        "photo_to_labels": kerasgan.metrics.label_scores(predicted_labels, label_maps, palette, train_labels),
        "cycle_l1_photo": round(kerasgan.metrics.mean_l1(_translate(to_photos, predicted_labels), photos), 4),
        "cycle_l1_labels": round(kerasgan.metrics.mean_l1(_translate(to_labels, predicted_photos), label_maps), 4),
        "labels_to_photo_l1": round(kerasgan.metrics.mean_l1(predicted_photos, photos), 4),
    }


def metrics_command(name):
    return f"python tools/evaluate_translation_entry.py {name} --data-dir DIR"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("name", help="a zoo translator, or the path of a CycleGAN the facades recipe saved")
    parser.add_argument("--data-dir", default=None, help="facades pair JPEGs (default: $KERASGAN_FACADES_DIR)")
    parser.add_argument("--update-card", action="store_true")
    args = parser.parse_args()
    saved = args.name.endswith(".keras")
    if saved and args.update_card:
        parser.error("--update-card takes a zoo entry's name, not a path")
    metrics = (saved_cyclegan_scores if saved else entry_scores)(args.name, args.data_dir)
    print(json.dumps(metrics, indent=2))
    if args.update_card:
        write_metrics_to_card(args.name, metrics, metrics_command(args.name))

if __name__ == "__main__":
    main()
