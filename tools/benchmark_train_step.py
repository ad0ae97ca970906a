"""Training throughput (images/s) of a kerasgan model on the current Keras backend.

On TensorFlow: the train step as a `tf.function` and with XLA
(`jit_compile=True`); on JAX: with XLA, as Keras' JAX trainer runs it; on
PyTorch: eagerly, Keras' default there (the backend is chosen by
`KERAS_BACKEND`; `tools/benchmark_backends.py` runs each). The data are numpy
arrays, which every backend's `fit` takes without TensorFlow.

Example:
    python tools/benchmark_train_step.py --model dcgan --batch-size 64 --steps 100

Prints one line per mode: the median and range of `--repeats` timed runs
(shared virtual CPUs vary by 2x from run to run). Images/s counts real images consumed per second
(with n_critic > 1 a train step consumes n_critic batches).
"""

import argparse
import time

import keras
import numpy as np

import kerasgan

MODELS = {
    "dcgan": kerasgan.DCGAN,
    "lsgan": kerasgan.LSGAN,
    "wgan": kerasgan.WGAN,
    "wgan_gp": kerasgan.WGANGP,
    "hinge": kerasgan.HingeGAN,
}


# (label, jit_compile) of each way a backend runs the train step.
MODES = {
    "tensorflow": (("tf.function", False), ("XLA", True)),
    "jax": (("XLA", True),),
    "torch": (("eager", False),),
}


def measure(model_name, batch_size, steps, warmup, jit_compile, image_size, repeats):
    """Images/s of `repeats` timed `fit` calls after a warm-up call."""
    keras.utils.set_random_seed(0)
    gan = MODELS[model_name](data_shape=(image_size, image_size, 1), seed=0)
    gan.compile(jit_compile=jit_compile)
    per_step = batch_size * gan.n_critic
    rng = np.random.default_rng(0)
    images = rng.uniform(-1, 1, (per_step * max(steps, warmup), image_size, image_size, 1)).astype("float32")
    gan.fit(images[: per_step * warmup], batch_size=per_step, shuffle=False, epochs=1, verbose=0)
    rates = []
    for _ in range(repeats):
        started = time.perf_counter()
        gan.fit(images[: per_step * steps], batch_size=per_step, shuffle=False, epochs=1, verbose=0)
        rates.append(steps * per_step / (time.perf_counter() - started))
    return rates


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", choices=sorted(MODELS), default="dcgan")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--image-size", type=int, default=28)
    parser.add_argument("--steps", type=int, default=100)
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--repeats", type=int, default=3, help="timed runs; the median and range are printed")
    args = parser.parse_args()
    backend = keras.backend.backend()
    print(f"{args.model} {args.image_size}x{args.image_size}x1, minibatch {args.batch_size}, {args.steps} steps, "
          f"backend {backend}")
    for label, jit_compile in MODES[backend]:
        rates = measure(args.model, args.batch_size, args.steps, args.warmup, jit_compile, args.image_size, args.repeats)
        label = f"{backend} {label}"
        print(f"  {label:<22}: {np.median(rates):8.1f} images/s "
              f"(median of {len(rates)}; range {min(rates):.1f}-{max(rates):.1f})", flush=True)


if __name__ == "__main__":
    main()
