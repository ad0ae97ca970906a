"""DCGAN, Cramer GAN, EBGAN and ALAE on MNIST at one budget, scored with the MNIST classifier's FID.

Each method trains its paper's default networks for the same number of
generator updates with its paper's optimizers (Cramer GAN: 5 critic updates
per generator update, each on its own real batch), from the same seed, on the
MNIST training split minus the validation split carved from it; 5,000
samples are scored against the validation split with `mnist_classifier`
features (FID; real images give 2.3) and its classifier score (real: 9.77).

    python tools/objectives_mnist.py --data-dir ../shared/data/mnist --steps 3000
"""

import argparse
import json
import os
import time

import keras

import kerasgan
from kerasgan.io import atomic_write_bytes, save_image_grid

METHODS = {
    "DCGAN": (kerasgan.DCGAN, {}),
    "CramerGAN": (kerasgan.CramerGAN, {}),
    "EBGAN": (kerasgan.EBGAN, {}),
    "ALAE": (kerasgan.ALAE, {}),
}


def train_and_score(method, args, validation):
    model_class, options = METHODS[method]
    keras.utils.set_random_seed(args.seed)
    gan = model_class(data_shape=(28, 28, 1), seed=args.seed, **options)
    gan.compile()
    per_step = args.batch_size * gan.real_batches_per_step
    dataset = kerasgan.data.mnist_dataset(per_step, args.data_dir, seed=args.seed)
    started = time.perf_counter()
    gan.fit(dataset.repeat() if hasattr(dataset, "repeat") else dataset, steps_per_epoch=args.steps, epochs=1,
            verbose=0)
    seconds = time.perf_counter() - started
    samples = gan.generate(args.num_eval, seed=args.seed + 1)
    save_image_grid(samples[:64], os.path.join(args.output_dir, f"{method}.png"))
    scores = kerasgan.evaluation.evaluate_samples(
        samples, validation[: args.num_eval], "mnist_classifier", metric_names=("fid", "inception_score")
    )
    return {"method": method, "generator_steps": args.steps, "real_images_seen": per_step * args.steps,
            "train_seconds": round(seconds, 1), **scores}


def main():
    flags = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    flags.add_argument("--data-dir", default=None, help="MNIST IDX folder (default: $KERASGAN_MNIST_DIR)")
    flags.add_argument("--methods", nargs="+", default=list(METHODS), choices=list(METHODS))
    flags.add_argument("--steps", type=int, default=3000, help="generator updates per method")
    flags.add_argument("--batch-size", type=int, default=64)
    flags.add_argument("--seed", type=int, default=0)
    flags.add_argument("--num-eval", type=int, default=kerasgan.metrics.defaults.NUM_SAMPLES)
    flags.add_argument("--output-dir", default=os.path.join("runs", "objectives_mnist"))
    args = flags.parse_args()
    os.makedirs(args.output_dir, exist_ok=True)
    validation = kerasgan.data.scale_images(kerasgan.data.load_mnist(args.data_dir, split="validation"))
    rows = []
    for method in args.methods:
        rows.append(train_and_score(method, args, validation))
        print(json.dumps(rows[-1]), flush=True)
        atomic_write_bytes(os.path.join(args.output_dir, "results.json"),
                           json.dumps({"settings": vars(args), "results": rows}, indent=2).encode())


if __name__ == "__main__":
    keras.config.disable_interactive_logging()
    main()
