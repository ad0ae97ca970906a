"""What the MNIST recipes share: flags, data, fitting, scoring, outputs and publishing (public API only).

A recipe builds its model inside `distribution(args)`, fits it with
`fit_for_steps` and ends with `finish`, which saves the run, scores it as
`kerasgan evaluate` would (5,000 seeded samples against the validation
split, `mnist_classifier` features) and with `--publish` writes the zoo
entry whose card those figures go into. Every `--fid-every` steps it
prints the FID of 2,000 samples, the curve the card keeps.

The unconditional recipes' generators are DCGAN's at width 32 with z of
64: about 1 MB each, so that an entry for every model fits the zoo's 50 MB
beside the image-to-image entries. Measured with the DCGAN recipe (seed 0,
FID of 2,000 samples): the paper's width 64 was ahead early and the gap
closed (56.1 vs 66.3 at 4,000 steps, 48.0 vs 53.1 at 6,000, 46.3 vs 48.1 at
8,000); a width-32 discriminator beside it was worse (60.9 vs 50.4 at
10,000 steps, 5,000 samples), and so was a learning rate decaying linearly
to 0 over the second half (54.9). docs/zoo_mnist.md has the runs.
"""

import argparse
import json
import os
import sys

import keras
import numpy as np

import kerasgan
from kerasgan.io import atomic_write_bytes, save_image_grid, save_model_atomically
from kerasgan.zoo.publishing import publish_generator
from run_common import add_run_flags, distribution, parse_with_quick, run_callbacks

MNIST_CARD = {
    "data": "MNIST training images 0-54,999 (kerasgan split 'train')",
    "metrics_split": "MNIST training images 55,000-59,999 (kerasgan split 'validation'), "
                     "5,000 samples, mnist_classifier features",
    "data_licence": "MNIST: CC BY-SA 3.0",
}
CARD_METRICS = ("fid", "inception_score", "precision", "recall", "class_agreement", "intra_fid")
MNIST_SHAPE = (28, 28, 1)
# --quick: a run of seconds that goes through every stage (the test suite runs each recipe so).
QUICK = {"steps": 20, "batch_size": 16, "num_eval": 200, "steps_per_epoch": 10}
CURVE_SAMPLES = 2000


def parser(entry, description, steps, batch_size):
    """The flags of the recipe of zoo entry `entry` (its output folder defaults to runs/<entry>)."""
    flags = argparse.ArgumentParser(description=description)
    flags.set_defaults(entry=entry, description=description, steps_per_epoch=500)
    flags.add_argument("--data-dir", default=None, help="MNIST IDX folder (default: $KERASGAN_MNIST_DIR)")
    flags.add_argument("--steps", type=int, default=steps, help="training steps (batches)")
    flags.add_argument("--batch-size", type=int, default=batch_size)
    flags.add_argument("--seed", type=int, default=0)
    flags.add_argument(
        "--num-eval", type=int, default=kerasgan.metrics.defaults.NUM_SAMPLES,
        help="samples scored against the validation split",
    )
    flags.add_argument("--lr-decay-start", type=float, default=None,
                       help="fraction of --steps after which every learning rate falls linearly to 0 at the end "
                            "(kerasgan.callbacks.LinearDecay; default: constant rates)")
    flags.add_argument("--fid-every", type=int, default=2000,
                       help=f"steps between FID checks of {CURVE_SAMPLES:,} samples (a multiple of 500; 0: none)")
    flags.add_argument("--out", "--output-dir", dest="output_dir", default=os.path.join("runs", entry))
    flags.add_argument("--quick", action="store_true",
                       help=f"a run of seconds through every stage ({QUICK['steps']} steps of {QUICK['batch_size']})")
    flags.add_argument("--publish", action="store_true",
                       help=f"write zoo entry {entry!r} (generator, grid, card; $KERASGAN_ZOO_DIR or the package's zoo)")
    flags.add_argument("--preset", action="store_true", help="with --publish, ship the whole GAN too (from_preset)")
    return add_run_flags(flags)


def parse(flags):
    """The parsed flags, with --quick's small settings applied (and an FID check each epoch)."""
    args = parse_with_quick(flags, QUICK)
    if args.quick and args.fid_every:
        args.fid_every = args.steps_per_epoch
    if args.fid_every % args.steps_per_epoch:
        flags.error(f"--fid-every must be a multiple of {args.steps_per_epoch} steps, got {args.fid_every}.")
    return args


def fit_for_steps(gan, dataset, args, callbacks=()):
    """Fits a compiled `gan` on `dataset` (repeated) for `args.steps` steps, in epochs of
    `args.steps_per_epoch` each checkpointed (`run_common`); returns the training seconds."""
    run, clock = run_callbacks(args)
    callbacks = [*callbacks, *fid_curve_callbacks(args), *run]
    dataset = dataset.repeat() if hasattr(dataset, "repeat") else dataset
    # Whole epochs, then (when --steps is not a multiple of them) one shorter last epoch.
    for epochs, steps_per_epoch in epoch_legs(args.steps, args.steps_per_epoch):
        gan.fit(dataset, epochs=epochs, steps_per_epoch=steps_per_epoch, callbacks=callbacks, verbose=0)
    return clock.seconds


def epoch_legs(steps, steps_per_epoch):
    """[(epochs to reach, steps in each)] that train exactly `steps` steps: whole epochs of
    `steps_per_epoch`, then a last epoch of the remainder."""
    whole, rest = divmod(steps, steps_per_epoch)
    return ([(whole, steps_per_epoch)] if whole else []) + ([(whole + 1, rest)] if rest else [])


def fid_curve_callbacks(args):
    """Every `--fid-every` steps, the FID of `curve_samples(args)` samples against the validation split's
    first as many images, printed and kept in `<out>/fid_curve.json` (across resumed legs)."""
    if not args.fid_every:
        return []
    samples = curve_samples(args)
    real = kerasgan.data.scale_images(kerasgan.data.load_mnist(args.data_dir, split="validation")[:samples])
    # crop_padding leaves 28x28 samples as they are and crops ProGAN's 32x32 ones, as `kerasgan evaluate` does.
    fid = kerasgan.callbacks.FID("mnist_classifier", real, num_samples=samples, seed=args.seed,
                                 every_n_epochs=args.fid_every // args.steps_per_epoch, dataset="mnist",
                                 split=f"validation[:{samples}]", sample_transform=kerasgan.data.crop_padding)
    return [fid, LoggedCurve("fid", os.path.join(args.output_dir, "fid_curve.json"), args.steps_per_epoch,
                             args.steps)]


def curve_samples(args):
    return min(CURVE_SAMPLES, args.num_eval)


class LoggedCurve(keras.callbacks.Callback):
    """Keeps [step, value] of a logged figure each epoch it appears, in a JSON file (atomically)."""

    def __init__(self, key, path, steps_per_epoch, total_steps):
        super().__init__()
        self.key, self.path, self.steps_per_epoch, self.total_steps = key, path, steps_per_epoch, total_steps

    def on_epoch_end(self, epoch, logs=None):
        if logs and self.key in logs:
            step = min((epoch + 1) * self.steps_per_epoch, self.total_steps)  # the last epoch may be shorter
            curve = [point for point in read_curve(self.path) if point[0] < step]
            curve.append([step, round(float(logs[self.key]), 3)])
            atomic_write_bytes(self.path, json.dumps(curve).encode())


def read_curve(path):
    if not os.path.isfile(path):
        return []
    with open(path) as stream:
        return json.load(stream)


def train_on_mnist(gan, args, config, with_labels=False):
    """Fits a compiled `gan` on MNIST digits (28x28; with their labels for a class-conditional one)
    for `args.steps` steps of `--batch-size` per real minibatch, then `finish`es."""
    dataset = kerasgan.data.mnist_dataset(args.batch_size * gan.real_batches_per_step, args.data_dir,
                                          with_labels=with_labels, seed=args.seed)
    if args.lr_decay_start is not None:
        config = {**config, "lr_decay_start": args.lr_decay_start}
    return finish(gan, args, config, fit_for_steps(gan, dataset, args, callbacks=schedule_callbacks(args)))


def schedule_callbacks(args):
    """`--lr-decay-start`'s `LinearDecay` over `--steps`, if asked for."""
    if args.lr_decay_start is None:
        return []
    return [kerasgan.callbacks.LinearDecay(args.steps, decay_start=args.lr_decay_start)]


def run_recipe(entry, description, model_class, steps, batch_size, generator_width=None, discriminator=None,
               **model_settings):
    """The whole recipe of a model trained with its library defaults and `model_settings`: flags,
    seeding, the model built and compiled under `--strategy`, training, scoring, publishing.

    `generator_width`: the DCGAN generator's base filters (the library's is 64), beside the
    model's own default discriminator; a zoo entry's generator at 32 is a quarter of the size.
    `discriminator` (with `generator_width`): a `functools.partial` of an architecture builder
    that replaces that default discriminator (its name and arguments go into the card)."""
    if discriminator is not None and generator_width is None:
        raise ValueError("run_recipe(discriminator=...) goes with generator_width: a model takes both networks or none.")
    args = parse(parser(entry, description, steps, batch_size))
    keras.utils.set_random_seed(args.seed)
    with distribution(args):
        networks = ({} if generator_width is None else
                    narrow_generator_networks(model_class, generator_width, model_settings["latent_dim"], discriminator))
        gan = model_class(data_shape=MNIST_SHAPE, seed=args.seed, **networks, **model_settings)
        gan.compile()
    config = dict(model_settings)
    if generator_width is not None:
        config = {"generator_width": generator_width, **config}
    if discriminator is not None:
        config["discriminator"] = describe_builder(discriminator)
    return train_on_mnist(gan, args, config)


def describe_builder(builder):
    """'name(keyword=value, ...)' of a `functools.partial` of a network builder, for the card."""
    keywords = ", ".join(f"{key}={value!r}" for key, value in builder.keywords.items())
    return f"{builder.func.__name__}({keywords})"


def narrow_generator_networks(model_class, width, latent_dim, discriminator=None):
    """A DCGAN generator of `width` base filters beside `discriminator()`, or by default the
    discriminator `model_class` builds."""
    if discriminator is None:
        discriminator = model_class(data_shape=MNIST_SHAPE, latent_dim=latent_dim).discriminator
    else:
        discriminator = discriminator()
    generator = kerasgan.architectures.dcgan_generator(MNIST_SHAPE, latent_dim, base_filters=width)
    return {"generator": generator, "discriminator": discriminator}


def finish(gan, args, config, seconds):
    """Saves the model and a grid, scores it as `kerasgan evaluate` does, writes results.json, and
    with --publish the zoo entry (its card's figures are these)."""
    os.makedirs(args.output_dir, exist_ok=True)
    save_model_atomically(gan, os.path.join(args.output_dir, "model.keras"))
    scores = kerasgan.evaluation.evaluate_on_mnist(gan, args.data_dir, num_samples=args.num_eval, seed=args.seed)
    sampler = kerasgan.sampling.Sampler(gan)
    rows = np.repeat(np.arange(10), 10) if gan.num_classes else None
    save_image_grid(sampler.generate(100, labels=rows, seed=args.seed), os.path.join(args.output_dir, "samples.png"),
                    columns=10)
    results = {"model": type(gan).__name__, **config, "steps": args.steps, "batch_size": args.batch_size,
               "seed": args.seed, "train_seconds": round(seconds, 1), **scores,
               "fid_curve": read_curve(os.path.join(args.output_dir, "fid_curve.json"))}
    atomic_write_bytes(os.path.join(args.output_dir, "results.json"), json.dumps(results, indent=2).encode())
    print(json.dumps(results, indent=2))
    if args.publish:
        publish(gan, args, config, results)
    return results


def recipe_command(args, argv=None):
    """The command that reproduces this run: the recipe with the flags given, less those that only
    say where things go (--data-dir becomes DIR)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    kept, skip = [], False
    for word in argv:
        if skip:
            skip = False
        elif word in ("--data-dir", "--out", "--output-dir"):
            skip = True
        elif word.split("=")[0] not in ("--data-dir", "--out", "--output-dir", "--publish", "--preset", "--resume"):
            kept.append(word)
    return " ".join([f"python recipes/{args.entry}.py --data-dir DIR", *kept])


def publish(gan, args, config, results):
    metrics = {key: round(results[key], 4) for key in CARD_METRICS if key in results}
    card = {
        "description": args.description,
        **MNIST_CARD,
        "metrics_split": MNIST_CARD["metrics_split"].replace("5,000", f"{args.num_eval:,}"),
        "recipe": recipe_command(args),
        "training": {"steps": args.steps, "batch_size": args.batch_size, "seed": args.seed, **config},
        "train_seconds": results["train_seconds"],
        "metrics": metrics,
        "metrics_command": f"kerasgan evaluate {args.entry} --data-dir DIR --num-samples {args.num_eval} "
                           f"--seed {args.seed}",
    }
    if results["fid_curve"]:
        samples = curve_samples(args)
        card["fid_curve"] = {"samples": samples, "against": f"the validation split's first {samples:,}",
                             "steps_and_fid": results["fid_curve"]}
    card = publish_generator(gan, args.entry, card, preset=args.preset)
    print(f"Published zoo entry {args.entry!r}: {json.dumps(card['metrics'])}")
