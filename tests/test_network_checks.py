"""Networks built in any style (Sequential, functional) are checked alike when a model is made,
and the keras.io habits that used to train silently wrong get a sentence that says what to do."""

import keras
import pytest

import kerasgan
from helpers import random_images, small_dcgan_networks


def keras_io_style_networks(score_units=1, score_activation=None):
    """A generator and a discriminator built the keras.io way: `keras.Sequential` with `keras.Input`."""
    generator = keras.Sequential([
        keras.Input((8,)), keras.layers.Dense(4 * 4 * 8), keras.layers.Reshape((4, 4, 8)),
        keras.layers.Conv2DTranspose(1, 4, strides=4, padding="same", activation="tanh"),
    ])
    discriminator = keras.Sequential([
        keras.Input((16, 16, 1)), keras.layers.Conv2D(8, 3, strides=2), keras.layers.Flatten(),
        keras.layers.Dense(score_units, activation=score_activation),
    ])
    return generator, discriminator


def functional(network):
    """The same network behind a functional model's input (as the keras.io wrappers do)."""
    inputs = keras.Input(network.input_shape[1:])
    return keras.Model(inputs, network(inputs))


@pytest.mark.parametrize("style", [lambda network: network, functional], ids=["Sequential", "functional"])
def test_a_discriminator_with_many_outputs_is_refused_in_every_style(style):
    generator, discriminator = keras_io_style_networks(score_units=10)
    with pytest.raises(ValueError, match=r"outputs shape \(10,\) per example; this model needs one score"):
        kerasgan.DCGAN(generator, style(discriminator))


@pytest.mark.parametrize("style", [lambda network: network, functional], ids=["Sequential", "functional"])
def test_a_sigmoid_discriminator_is_refused_where_the_loss_takes_logits(style):
    generator, discriminator = keras_io_style_networks(score_activation="sigmoid")
    with pytest.raises(ValueError, match=r"ends in a sigmoid, but DCGAN's loss takes logits.*Remove the final activation"):
        kerasgan.DCGAN(generator, style(discriminator))
    kerasgan.LSGAN(*keras_io_style_networks(score_activation="sigmoid"))  # least squares takes any score


def test_swapped_networks_are_named_as_swapped():
    generator, critic = keras_io_style_networks()
    with pytest.raises(ValueError, match="look swapped.*Pass the generator first"):
        kerasgan.WGANGP(critic, generator)


def test_networks_that_do_not_fit_together_are_refused():
    generator, _ = keras_io_style_networks()
    _, discriminator = small_dcgan_networks(image_size=32)
    with pytest.raises(ValueError, match=r"takes examples of shape \(32, 32, 1\), but the generator makes samples of shape \(16, 16, 1\)"):
        kerasgan.DCGAN(generator, discriminator)


def test_a_network_without_an_input_shape_gets_the_fix():
    generator, discriminator = keras_io_style_networks()
    unbuilt = keras.Sequential(discriminator.layers)
    with pytest.raises(ValueError, match=r"declares no input shape.*keras.Input\(shape\)"):
        kerasgan.DCGAN(generator, unbuilt)


def test_loss_keywords_in_compile_say_where_losses_go():
    gan = kerasgan.WGANGP(*keras_io_style_networks())
    with pytest.raises(TypeError, match=r"takes optimizers, not losses \(d_loss_fn, g_loss_fn\).*d_optimizer, g_optimizer"):
        gan.compile(d_optimizer="adam", g_optimizer="adam", d_loss_fn=None, g_loss_fn=None)


@pytest.mark.parametrize("count", [0, -1, 2.5, "4"])
def test_generate_needs_a_positive_whole_number(count):
    gan = kerasgan.DCGAN(*keras_io_style_networks(), seed=0)
    with pytest.raises(ValueError, match="must be a positive integer"):
        gan.generate(count)


@pytest.mark.parametrize("count, batch_size, problem", [
    (100, 64, "batch_size=64 does not split"),
    (102, 60, r"the last batch \(42 of 102 examples\) does not split"),
])
def test_arrays_that_do_not_split_into_n_critic_minibatches_are_refused_before_training(count, batch_size, problem):
    gan = kerasgan.WGANGP(*keras_io_style_networks(), seed=0)
    gan.compile()
    with pytest.raises(ValueError, match=f"n_critic=5 real minibatches, and {problem}"):
        gan.fit(random_images(count), batch_size=batch_size, verbose=0)
    assert int(gan.d_optimizer.iterations) == 0


@pytest.mark.parametrize("count", [0, -3])
def test_a_sampler_needs_a_positive_whole_number(count):
    sampler = kerasgan.sampling.Sampler(kerasgan.DCGAN(*keras_io_style_networks(), seed=0))
    with pytest.raises(ValueError, match="must be a positive integer"):
        sampler.generate(count)
