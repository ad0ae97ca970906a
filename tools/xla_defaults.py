"""Whether XLA speeds up each model's TensorFlow train step on this machine: the measurement
behind each model's `xla_on_tensorflow` (`compile()`'s default on one replica).

    python tools/xla_defaults.py                 # every model, about 20 min on 2 cores
    python tools/xla_defaults.py --models DCGAN WGANGP --repeats 1

Each model is built with its default networks (28x28x1 digits, 32x32x1 for
ProGAN, 64x64x3 image pairs for Pix2Pix and CycleGAN), random data, minibatch
`--batch-size` per real minibatch, and timed with `jit_compile=False` and
`jit_compile=True`, fresh instances alternating; the best of `--repeats`
timings of each is printed with the ratio XLA / tf.function and the model's
current default.
"""

import argparse
import time

import keras
import numpy as np

import kerasgan

# name: (constructor keyword arguments, what fit takes: "images", "labelled" or "pairs")
MODELS = {
    "DCGAN": ({}, "images"),
    "LSGAN": ({}, "images"),
    "WGAN": ({}, "images"),
    "WGANGP": ({}, "images"),
    "HingeGAN": ({}, "images"),
    "BEGAN": ({}, "images"),
    "EBGAN": ({}, "images"),
    "CramerGAN": ({}, "images"),
    "ALAE": ({"data_shape": (28, 28, 1)}, "images"),
    "InfoGAN": ({}, "images"),
    "ProGAN": ({}, "images"),
    "ConditionalGAN": ({"num_classes": 10}, "labelled"),
    "ACGAN": ({"num_classes": 10}, "labelled"),
    "Pix2Pix": ({"data_shape": (64, 64, 3)}, "pairs"),
    "CycleGAN": ({"data_shape": (64, 64, 3)}, "pairs"),
}


def training_data(gan, kind, count):
    rng = np.random.default_rng(0)
    shape = tuple(gan.generator_a2b.output_shape[1:] if hasattr(gan, "generator_a2b") else gan.generator.output_shape[1:])
    images = rng.uniform(-1, 1, (count,) + shape).astype("float32")
    if kind == "labelled":
        return images, rng.integers(0, 10, count).astype("int32")
    if kind == "pairs":
        return images, rng.uniform(-1, 1, (count,) + shape).astype("float32")
    return images, None


def images_per_second(name, jit_compile, batch_size, steps):
    keras.utils.set_random_seed(0)
    kwargs, kind = MODELS[name]
    gan = getattr(kerasgan, name)(seed=0, **kwargs)
    gan.compile(jit_compile=jit_compile)
    per_step = batch_size * getattr(gan, "real_batches_per_step", 1)
    x, y = training_data(gan, kind, per_step * steps)
    gan.fit(x[: per_step * 2], None if y is None else y[: per_step * 2], batch_size=per_step, shuffle=False, verbose=0)
    started = time.perf_counter()
    gan.fit(x, y, batch_size=per_step, shuffle=False, verbose=0)
    return per_step * steps / (time.perf_counter() - started), gan


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--models", nargs="+", default=list(MODELS), choices=list(MODELS))
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--steps", type=int, default=10)
    parser.add_argument("--repeats", type=int, default=2)
    args = parser.parse_args()
    print(f"minibatch {args.batch_size}, {args.steps} steps, best of {args.repeats}, alternating")
    for name in args.models:
        best = {False: 0.0, True: 0.0}
        for _ in range(args.repeats):
            for jit_compile in (False, True):
                rate, gan = images_per_second(name, jit_compile, args.batch_size, args.steps)
                best[jit_compile] = max(best[jit_compile], rate)
        print(f"{name:<15} tf.function {best[False]:8.1f}  XLA {best[True]:8.1f} images/s  "
              f"XLA x{best[True] / best[False]:.2f}  (default: {'XLA' if gan.xla_on_tensorflow else 'tf.function'})",
              flush=True)


if __name__ == "__main__":
    main()
