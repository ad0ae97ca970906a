"""A few SGD steps of DCGAN or WGAN-GP whose noise is a fixed function of the seed state.

Keras' random streams differ between backends; these draws do not, so the
TensorFlow, JAX and PyTorch runs of `train` must end with the same weights. Run as a
script (`python same_numbers.py MODEL INPUT.npz OUTPUT.npz`) on the other
backend.
"""

import sys

import keras
import numpy as np
from keras import ops

import kerasgan
from helpers import small_dcgan_networks

STEPS, BATCH = 3, 16


def _smooth_draw(shape, seed, low, high):
    """Values in [low, high] from the seed's state: sin of the position and the state."""
    state = ops.mod(ops.sum(ops.cast(seed.next() if isinstance(seed, keras.random.SeedGenerator) else seed, "int32")), 997)
    size = 1
    for dim in shape:
        size = size * dim
    wave = ops.sin(ops.cast(ops.arange(size), "float32") * 0.7 + ops.cast(state, "float32") * 0.3)
    return ops.reshape(low + (high - low) * (wave + 1.0) / 2.0, shape)


def deterministic_random(patch):
    """Replaces keras.random.normal and .uniform through `patch(module, name, value)`."""
    patch(keras.random, "normal", lambda shape, mean=0.0, stddev=1.0, dtype=None, seed=None: _smooth_draw(
        shape, seed, mean - 2 * stddev, mean + 2 * stddev))
    patch(keras.random, "uniform", lambda shape, minval=0.0, maxval=1.0, dtype=None, seed=None: _smooth_draw(
        shape, seed, minval, maxval))


def build(model):
    if model == "dcgan":
        return kerasgan.DCGAN(*small_dcgan_networks(), seed=1)
    # No normalisation in the critic: with LayerNormalization the backends' second
    # derivatives through it differ (weights 1e-3 apart after 3 steps; without the
    # penalty, or without the normalisation, they agree to 1e-4).
    return kerasgan.WGANGP(*small_dcgan_networks(normalization=None), n_critic=2, seed=1)


def train(model, initial, images):
    gan = build(model)
    gan.compile(keras.optimizers.SGD(0.01), keras.optimizers.SGD(0.01))
    if initial is not None:
        gan.set_weights(initial)
    start = gan.get_weights()
    gan.fit(images, batch_size=BATCH * gan.n_critic, epochs=1, shuffle=False, verbose=0)
    return start, gan.get_weights()


if __name__ == "__main__":
    model, source, target = sys.argv[1:]
    deterministic_random(setattr)
    stored = np.load(source)
    initial = [stored[f"w{i}"] for i in range(len(stored.files) - 1)]
    _, final = train(model, initial, stored["images"])
    np.savez(target, **{f"w{i}": value for i, value in enumerate(final)})
