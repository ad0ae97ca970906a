"""What the facades recipes share: flags, the train/validation splits, fitting, grids and results."""

import argparse
import json
import os

import keras
import numpy as np

import kerasgan
from kerasgan.io import atomic_write_bytes, save_image_grid, save_model_atomically
from run_common import add_run_flags, parse_with_quick, run_callbacks

VALIDATION_NOTE = "CMP Facades pix2pix layout, files 361-400 (kerasgan facades split 'validation', 40 pairs)"
QUICK_PAIRS = 8
TRAIN_NOTE = "CMP Facades pix2pix layout, files 1-360 (kerasgan facades split 'train')"


def parser(description, epochs, output_dir, size=128):
    flags = argparse.ArgumentParser(description=description)
    flags.add_argument("--data-dir", default=None, help="facades pair JPEGs (default: $KERASGAN_FACADES_DIR)")
    flags.add_argument("--epochs", type=int, default=epochs, help="passes over the 360 training pairs")
    flags.add_argument("--batch-size", type=int, default=1, help="1, as in both papers")
    flags.add_argument("--size", type=int, default=size, help="image side (jitter: resized up by 30/256, cropped back)")
    flags.add_argument("--width", type=int, default=32, help="base filters of every network (64 in the papers)")
    flags.add_argument("--max-filters", type=int, default=128,
                       help="cap on any layer's filters (the papers: 512 = 8 x 64), sized for the zoo")
    flags.add_argument("--seed", type=int, default=0)
    flags.add_argument("--out", "--output-dir", dest="output_dir", default=output_dir)
    flags.add_argument("--quick", action="store_true",
                       help=f"a run of seconds through every stage: {QUICK_PAIRS} training pairs, 32x32, one epoch")
    return add_run_flags(flags)


def parse(flags):
    """The parsed flags, with --quick's small settings applied."""
    return parse_with_quick(flags, {"size": 32, "width": 8, "epochs": 1})


def splits(args):
    """(train photos, train label maps) at the jitter load size (the first QUICK_PAIRS with --quick),
    and the validation pairs at `size`."""
    photos, labels = kerasgan.data.load_facades(args.data_dir, "train", size=kerasgan.data.jitter_load_size(args.size))
    if args.quick:
        photos, labels = photos[:QUICK_PAIRS], labels[:QUICK_PAIRS]
    validation = kerasgan.data.load_facades(args.data_dir, "validation", size=args.size)
    return (photos, labels), validation


def compile_for_minibatch(model, args):
    """`model.compile()`, with XLA on TensorFlow at minibatch 1 on one replica: there it trains
    CycleGAN 2.0x and pix2pix 1.4x faster on 2 CPU cores (`tools/xla_defaults.py --batch-size 1`)."""
    xla = (keras.backend.backend() == "tensorflow" and args.batch_size == 1
           and model.distribute_strategy.num_replicas_in_sync == 1)
    model.compile(jit_compile=True if xla else None)


def fit_epochs(model, dataset, args, callbacks=()):
    """Fits a compiled model for `args.epochs`, each epoch checkpointed (`run_common`; `--resume`
    continues after the last complete one); returns the training seconds of the run."""
    run, clock = run_callbacks(args)
    model.fit(dataset, epochs=args.epochs, callbacks=[*callbacks, *run], verbose=0)
    return clock.seconds


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
