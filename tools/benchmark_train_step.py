"""Training throughput (images/s) of a kerasgan model, tf.function vs XLA.

Example:
    python tools/benchmark_train_step.py --model dcgan --batch-size 64 --steps 100

Prints one line per mode. Images/s counts real images consumed per second
(with n_critic > 1 a train step consumes n_critic batches).
"""

import argparse
import time

import keras
import numpy as np
import tensorflow as tf

import kerasgan

MODELS = {
    "dcgan": kerasgan.DCGAN,
    "lsgan": kerasgan.LSGAN,
    "wgan": kerasgan.WGAN,
    "wgan_gp": kerasgan.WGANGP,
    "hinge": kerasgan.HingeGAN,
}


def measure(model_name, batch_size, steps, warmup, jit_compile, image_size):
    keras.utils.set_random_seed(0)
    gan = MODELS[model_name](data_shape=(image_size, image_size, 1), seed=0)
    gan.compile(jit_compile=jit_compile)
    per_step = batch_size * gan.n_critic
    rng = np.random.default_rng(0)
    images = rng.uniform(-1, 1, (per_step * 8, image_size, image_size, 1)).astype("float32")
    dataset = tf.data.Dataset.from_tensor_slices(images).batch(per_step).repeat().prefetch(4)
    gan.fit(dataset, steps_per_epoch=warmup, epochs=1, verbose=0)
    started = time.perf_counter()
    gan.fit(dataset, steps_per_epoch=steps, epochs=1, verbose=0)
    seconds = time.perf_counter() - started
    return steps * per_step / seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", choices=sorted(MODELS), default="dcgan")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--image-size", type=int, default=28)
    parser.add_argument("--steps", type=int, default=100)
    parser.add_argument("--warmup", type=int, default=10)
    args = parser.parse_args()
    print(f"{args.model} {args.image_size}x{args.image_size}x1, minibatch {args.batch_size}, {args.steps} steps, "
          f"{tf.config.threading.get_intra_op_parallelism_threads() or 'all'} threads")
    for jit_compile in (False, True):
        rate = measure(args.model, args.batch_size, args.steps, args.warmup, jit_compile, args.image_size)
        print(f"  {'jit_compile=True ' if jit_compile else 'tf.function      '}: {rate:8.1f} images/s")


if __name__ == "__main__":
    main()
