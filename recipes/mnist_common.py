"""What the MNIST recipes share: flags, data, evaluation and outputs (public API only)."""

import argparse
import json
import os

import numpy as np

import kerasgan
from kerasgan.io import atomic_write_bytes, save_image_grid, save_model_atomically
from run_common import add_run_flags, run_callbacks


def parser(description, steps, batch_size, output_dir):
    flags = argparse.ArgumentParser(description=description)
    flags.add_argument("--data-dir", default=None, help="MNIST IDX folder (default: $KERASGAN_MNIST_DIR)")
    flags.add_argument("--steps", type=int, default=steps, help="training steps (batches)")
    flags.add_argument("--batch-size", type=int, default=batch_size)
    flags.add_argument("--seed", type=int, default=0)
    flags.add_argument(
        "--num-eval", type=int, default=kerasgan.metrics.defaults.NUM_SAMPLES,
        help="samples scored against the validation split",
    )
    flags.add_argument("--output-dir", default=output_dir)
    return add_run_flags(flags)


def finish(gan, args, config, seconds):
    """Saves the model and a sample grid, scores samples with the MNIST classifier, writes results.json."""
    os.makedirs(args.output_dir, exist_ok=True)
    save_model_atomically(gan, os.path.join(args.output_dir, "model.keras"))
    samples = gan.generate(args.num_eval, seed=args.seed + 1)
    save_image_grid(samples[:64], os.path.join(args.output_dir, "samples.png"))
    samples = kerasgan.data.crop_padding(samples)  # the classifier sees 28x28 digits
    real = kerasgan.data.scale_images(kerasgan.data.load_mnist(args.data_dir, split="validation"))
    scores = kerasgan.evaluation.evaluate_samples(
        samples, real[: args.num_eval], "mnist_classifier", metric_names=("fid", "inception_score", "precision_recall")
    )
    results = {**config, "train_seconds": round(seconds, 1), **scores}
    atomic_write_bytes(os.path.join(args.output_dir, "results.json"), json.dumps(results, indent=2).encode())
    print(json.dumps(results, indent=2))
    return results


def conditional_scores(gan, args):
    """Class agreement and intra-class FID of `args.num_eval` samples, every digit equally often,
    against the validation split (the `mnist_classifier`'s logits and features)."""
    requested = np.arange(args.num_eval) % 10
    samples = gan.generate(args.num_eval, labels=requested, seed=args.seed + 2)
    real, real_labels = kerasgan.data.load_mnist(args.data_dir, split="validation", with_labels=True)
    scores = kerasgan.evaluation.evaluate_samples(
        samples, kerasgan.data.scale_images(real), "mnist_classifier", ("class_agreement", "intra_fid"),
        real_labels=real_labels, fake_labels=requested,
    )
    return {name: round(scores[name], 4) for name in ("class_agreement", "intra_fid")}


def fit_for_steps(gan, dataset, args, steps_per_epoch=500, callbacks=()):
    """Fits a compiled `gan` on `dataset` (repeated) for `args.steps` steps, in epochs of
    `steps_per_epoch` each checkpointed (`run_common`); returns the training seconds of the run."""
    run, clock = run_callbacks(args)
    gan.fit(
        dataset.repeat() if hasattr(dataset, "repeat") else dataset,
        epochs=max(1, args.steps // steps_per_epoch),
        steps_per_epoch=min(args.steps, steps_per_epoch),
        callbacks=[*callbacks, *run],
        verbose=0,
    )
    return clock.seconds


def train_labelled(gan, args, config):
    """Fits a compiled class-conditional `gan` on labelled MNIST for `args.steps` steps, then
    `finish`es with its class agreement and intra-class FID added to `config`."""
    dataset = kerasgan.data.mnist_dataset(args.batch_size, args.data_dir, with_labels=True, seed=args.seed)
    seconds = fit_for_steps(gan, dataset, args)
    config = {**config, "steps": args.steps, "batch_size": args.batch_size, **conditional_scores(gan, args)}
    return finish(gan, args, config, seconds)
