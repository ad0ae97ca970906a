"""What the facades recipes share: flags, the train/validation splits, fitting, grids and results."""

import argparse
import json
import os
import time

import keras
import numpy as np

import kerasgan
from kerasgan.io import atomic_write_bytes, save_image_grid, save_model_atomically
from mnist_common import Progress

VALIDATION_NOTE = "CMP Facades pix2pix layout, files 361-400 (kerasgan facades split 'validation', 40 pairs)"
TRAIN_NOTE = "CMP Facades pix2pix layout, files 1-360 (kerasgan facades split 'train')"


def parser(description, epochs, output_dir):
    flags = argparse.ArgumentParser(description=description)
    flags.add_argument("--data-dir", default=None, help="facades pair JPEGs (default: $KERASGAN_FACADES_DIR)")
    flags.add_argument("--epochs", type=int, default=epochs, help="passes over the 360 training pairs")
    flags.add_argument("--batch-size", type=int, default=1, help="1, as in both papers")
    flags.add_argument("--size", type=int, default=128, help="image side (jitter crops from 143 at 128)")
    flags.add_argument("--width", type=int, default=32, help="base filters of every network (64 in the papers)")
    flags.add_argument("--max-filters", type=int, default=128,
                       help="cap on any layer's filters (the papers: 512 = 8 x 64), sized for the zoo")
    flags.add_argument("--seed", type=int, default=0)
    flags.add_argument("--output-dir", default=output_dir)
    flags.add_argument("--resume", action="store_true",
                       help="continue the run saved in --output-dir up to --epochs (the data order restarts)")
    return flags


def resumed_run(args):
    """(model, epochs done, seconds spent) of the run saved in `--output-dir` when resuming, else (None, 0, 0)."""
    path = os.path.join(args.output_dir, "model.keras")
    if not args.resume:
        return None, 0, 0.0
    if not os.path.isfile(path):
        raise FileNotFoundError(f"--resume: no saved run in {args.output_dir!r}.")
    with open(os.path.join(args.output_dir, "results.json")) as stream:
        previous = json.load(stream)
    if previous["epochs"] >= args.epochs:
        raise ValueError(f"--resume: the run already has {previous['epochs']} epochs; ask for more with --epochs.")
    return kerasgan.load_model(path), previous["epochs"], previous["train_seconds"]


def splits(args):
    """(train photos, train label maps) at the jitter load size, and the validation pair at `size`."""
    train = kerasgan.data.load_facades(args.data_dir, "train", size=kerasgan.data.jitter_load_size(args.size))
    validation = kerasgan.data.load_facades(args.data_dir, "validation", size=args.size)
    return train, validation


def fit_epochs(model, dataset, args, callbacks=(), initial_epoch=0):
    """Fits a compiled model from `initial_epoch` to `args.epochs`; returns the seconds taken.

    Every epoch is saved under `--output-dir`/checkpoints: the same command run again after a
    crash or a kill continues after the last complete epoch (`ResumableCheckpoint`).
    """
    started = time.perf_counter()
    checkpoint = kerasgan.callbacks.ResumableCheckpoint(os.path.join(args.output_dir, "checkpoints"))
    model.fit(dataset, epochs=args.epochs, initial_epoch=initial_epoch,
              callbacks=[kerasgan.callbacks.StopOnNonFinite(), Progress(), checkpoint, *callbacks], verbose=0)
    return time.perf_counter() - started


def save_rows(path, *rows):
    """A grid whose columns are the given batches side by side (input | output | target, ...)."""
    columns = len(rows)
    save_image_grid(np.stack(rows, axis=1).reshape((-1,) + rows[0].shape[1:]), path, columns=columns)


def write_results(model, args, results):
    """Saves the model and `results.json` (with the run's settings) atomically; prints the results."""
    os.makedirs(args.output_dir, exist_ok=True)
    save_model_atomically(model, os.path.join(args.output_dir, "model.keras"))
    results = {"epochs": args.epochs, "batch_size": args.batch_size, "image_size": args.size, "width": args.width,
               "max_filters": args.max_filters,
               "seed": args.seed, "data": TRAIN_NOTE, "metrics_split": VALIDATION_NOTE, **results}
    atomic_write_bytes(os.path.join(args.output_dir, "results.json"), json.dumps(results, indent=2).encode())
    print(json.dumps(results, indent=2), flush=True)


def set_seed(args):
    keras.utils.set_random_seed(args.seed)
