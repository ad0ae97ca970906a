"""Where a DCGAN step's time goes on Keras' JAX backend: kerasgan's step against bare JAX.

Prints the milliseconds of (1) kerasgan's whole DCGAN train step in `fit`, (2)
a bare `jax.jit(jax.grad(...))` of the discriminator's loss on one real and one
generated batch with respect to both networks' weights, and (3) the two
networks' forward passes, each measured in this run. When (2) is close to (1)
and far above (3), the step's time is XLA's gradient kernels, not kerasgan.

Example:
    KERAS_BACKEND=jax python tools/profile_jax_step.py
"""

import argparse
import time

import jax
import jax.numpy as jnp
import keras
import numpy as np

import kerasgan


def milliseconds(function, repeats):
    """Mean wall time of `function()` after one warm-up call."""
    jax.block_until_ready(function())
    started = time.perf_counter()
    for _ in range(repeats):
        result = function()
    jax.block_until_ready(result)
    return (time.perf_counter() - started) / repeats * 1000


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--steps", type=int, default=40)
    args = parser.parse_args()
    if keras.backend.backend() != "jax":
        raise SystemExit("Run with KERAS_BACKEND=jax.")
    gan = kerasgan.DCGAN(data_shape=(28, 28, 1), seed=0)
    gan.compile()
    rng = np.random.default_rng(0)
    images = rng.uniform(-1, 1, (args.batch_size * args.steps, 28, 28, 1)).astype("float32")
    gan.fit(images[: args.batch_size * 3], batch_size=args.batch_size, verbose=0)
    started = time.perf_counter()
    gan.fit(images, batch_size=args.batch_size, shuffle=False, verbose=0)
    step = (time.perf_counter() - started) / args.steps * 1000

    generator, discriminator = gan.generator, gan.discriminator
    g_trainable = [v.value for v in generator.trainable_variables]
    g_fixed = [v.value for v in generator.non_trainable_variables]
    d_trainable = [v.value for v in discriminator.trainable_variables]
    d_fixed = [v.value for v in discriminator.non_trainable_variables]
    real = jnp.asarray(images[: args.batch_size])
    z = jnp.asarray(rng.normal(size=(args.batch_size, gan.latent_dim)).astype("float32"))

    def generate(g_weights):
        return generator.stateless_call(g_weights, g_fixed, z, training=True)[0]

    def discriminate(d_weights, x):
        return discriminator.stateless_call(d_weights, d_fixed, x, training=True)[0]

    def loss(d_weights, g_weights):
        real_scores, fake_scores = discriminate(d_weights, real), discriminate(d_weights, generate(g_weights))
        return jnp.mean(jax.nn.softplus(-real_scores)) + jnp.mean(jax.nn.softplus(fake_scores))

    gradients = jax.jit(jax.grad(loss, argnums=(0, 1)))
    forward_g, forward_d = jax.jit(generate), jax.jit(discriminate)
    bare = milliseconds(lambda: gradients(d_trainable, g_trainable), 20)
    forward = milliseconds(lambda: forward_g(g_trainable), 20) + milliseconds(lambda: forward_d(d_trainable, real), 20)
    print(f"DCGAN 28x28, minibatch {args.batch_size}, JAX on {jax.devices()[0].platform}:")
    print(f"  kerasgan train step in fit        : {step:7.1f} ms")
    print(f"  bare jax.grad of the D loss (G, D): {bare:7.1f} ms  ({bare / step:.2f} of the step)")
    print(f"  forward passes of G and D         : {forward:7.1f} ms  ({forward / step:.2f} of the step)")


if __name__ == "__main__":
    main()
