"""A keras.io user's own conditional networks on `ConditionalGAN` (docs/guides/keras_io_networks.md).

The guide's wrappers run as the guide prints them, and the keras.io Conditional GAN's step is
the one tools/keras_io_comparison.py measures with (imported from there).
"""

import os
import sys

import keras
import numpy as np
import pytest
from keras import layers
from keras import ops

import kerasgan
from kerasgan.data.toy import ring_centers
from helpers import labelled_ring

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
import keras_io_comparison  # noqa: E402


def keras_io_mlp(input_size, output_size, name):
    """A network in the keras.io examples' style: `Sequential`, LeakyReLU(0.2), no normalisation."""
    return keras.Sequential(
        [keras.layers.InputLayer((input_size,)), layers.Dense(64), layers.LeakyReLU(negative_slope=0.2),
         layers.Dense(64), layers.LeakyReLU(negative_slope=0.2), layers.Dense(output_size)],
        name=name,
    )


def test_keras_io_style_networks_learn_the_conditioning_from_numpy():
    """Sequential networks fed `concat(z, one_hot)` and `concat(x, one_hot)`, as the keras.io
    examples build them, behind `[z, labels]` / `[x, labels]` wrappers, fitted on numpy arrays:
    the samples asked for class k land on Gaussian k of the labelled 8-Gaussian ring. 800 steps
    of 64 took the nearest-mode agreement from chance (0.12) to 1.0 (seed 0) on the development
    machine; 600 reached 0.99."""
    num_classes, latent_dim = 8, 16
    keras.utils.set_random_seed(0)
    points, labels = labelled_ring(64 * 100, seed=0)

    def with_one_hot_labels(network, input_size):
        """[inputs, labels] -> network(concat(inputs, one_hot(labels)))."""
        inputs, condition = keras.Input((input_size,)), keras.Input((), dtype="int32")
        return keras.Model([inputs, condition], network(ops.concatenate([inputs, ops.one_hot(condition, num_classes)], 1)))

    gan = kerasgan.ConditionalGAN(
        with_one_hot_labels(keras_io_mlp(latent_dim + num_classes, 2, "generator"), latent_dim),
        with_one_hot_labels(keras_io_mlp(2 + num_classes, 1, "discriminator"), 2),
        num_classes=num_classes, seed=0,
    )
    gan.compile(d_optimizer=keras.optimizers.Adam(1e-3), g_optimizer=keras.optimizers.Adam(1e-3))
    requested = np.arange(400) % num_classes

    def agreement():
        samples = gan.generate(len(requested), labels=requested, seed=1)
        nearest = np.linalg.norm(samples[:, None] - ring_centers()[None], axis=-1).argmin(axis=1)
        return float((nearest == requested).mean())

    before = agreement()
    gan.fit(points, labels, batch_size=64, epochs=8, verbose=0)
    after = agreement()
    assert before < 0.25 and after > 0.9, (before, after)


@pytest.mark.skipif(keras.backend.backend() != "tensorflow", reason="the keras.io step is TensorFlow's")
def test_conditional_gan_makes_the_keras_io_step():
    """On the example's networks (in the guide's wrappers), batch and noise, `ConditionalGAN`'s
    step (through `fit` on numpy) equals the keras.io step of tools/keras_io_comparison.py: the
    example labels fakes 1, so its discriminator's logit is kerasgan's negated (the last layer's
    weights start negated and stay so, the others equal); its loss is the mean over 2B examples
    where kerasgan adds two means, so plain SGD steps of kerasgan's discriminator are half as long."""
    num_classes, latent_dim, batch, learning_rate = 10, 128, 8, 0.05
    wrappers = keras_io_comparison.guide_wrappers()
    keras.utils.set_random_seed(0)
    rng = np.random.default_rng(0)
    images = rng.random((2 * batch, 28, 28, 1)).astype("float32")
    labels = rng.integers(0, num_classes, 2 * batch).astype("int32")

    example_g, example_d = keras_io_comparison.conditional_networks(latent_dim, num_classes)
    own_g, own_d = keras_io_comparison.conditional_networks(latent_dim, num_classes)
    initial_g = example_g.get_weights()
    own_g.set_weights(initial_g)
    own_d.set_weights(negated_last_layer(example_d.get_weights()))

    example = keras_io_comparison.KerasIOConditionalGAN(example_g, example_d, wrappers["keras_io_label_maps"], seed=3)
    example.compile(keras.optimizers.SGD(learning_rate), keras.optimizers.SGD(learning_rate))
    example.fit(images, np.eye(num_classes, dtype="float32")[labels], batch_size=batch, shuffle=False, verbose=0)

    gan = kerasgan.ConditionalGAN(
        wrappers["keras_io_generator"](own_g, latent_dim, num_classes),
        wrappers["keras_io_discriminator"](own_d, (28, 28, 1), num_classes),
        num_classes=num_classes, seed=3,
    )
    gan.compile(d_optimizer=keras.optimizers.SGD(learning_rate / 2), g_optimizer=keras.optimizers.SGD(learning_rate))
    gan.fit(images * 2 - 1, labels, batch_size=batch, shuffle=False, verbose=0)

    expected = negated_last_layer(example_d.get_weights()) + example_g.get_weights()
    for want, got in zip(expected, own_d.get_weights() + own_g.get_weights()):
        np.testing.assert_allclose(got, want, atol=2e-6)
    moved = max(np.abs(after - before).max() for after, before in zip(example_g.get_weights(), initial_g))
    assert moved > 1e-4  # both generators trained, and trained alike


def negated_last_layer(weights):
    """A discriminator's weights with its last Dense layer's kernel and bias negated."""
    return weights[:-2] + [-w for w in weights[-2:]]
