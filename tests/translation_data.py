"""MNIST-derived translation tasks for the tests: edges -> digit (paired), digit <-> inverted digit (unpaired)."""

import keras
import numpy as np

import kerasgan
from kerasgan.architectures import patch_discriminator
from kerasgan.architectures import resnet_generator
from kerasgan.architectures import unet_generator

SIDE = 32


def digits(count, offset=0):
    """(digits padded to 32x32 in [-1, 1], labels): rows offset..offset+count of the embedded MNIST
    sample (which is sorted by class) in a fixed shuffled order."""
    images, labels = kerasgan.data.load_embedded_digits(with_labels=True)
    rows = np.random.default_rng(0).permutation(len(images))[offset : offset + count]
    images = kerasgan.data.scale_images(images[rows])
    return np.pad(images, ((0, 0), (2, 2), (2, 2), (0, 0)), constant_values=-1.0), labels[rows]


def edges(images):
    """The outline of each digit: +1 where the stroke's gradient is large, -1 elsewhere."""
    grad_y, grad_x = np.gradient(images[..., 0], axis=(1, 2))
    return np.where(np.hypot(grad_x, grad_y) > 0.4, 1.0, -1.0)[..., None].astype("float32")


def digit_names(images):
    """The zoo's MNIST classifier's class for each 32x32 digit in [-1, 1]."""
    classifier = kerasgan.zoo.load("mnist_classifier")
    return classifier.predict(images[:, 2:-2, 2:-2], verbose=0).argmax(axis=1)


def small_pix2pix_networks(dropout_rate=0.5):
    shape = (SIDE, SIDE, 1)
    return (
        unet_generator(shape, 1, base_filters=8, max_filters=32, dropout_rate=dropout_rate, seed=3),
        patch_discriminator(shape, condition_shape=shape, base_filters=8, downsamplings=2),
    )


def small_cyclegan_networks():
    shape = (SIDE, SIDE, 1)
    return (
        resnet_generator(shape, 1, base_filters=8, residual_blocks=2, name="generator_a2b"),
        resnet_generator(shape, 1, base_filters=8, residual_blocks=2, name="generator_b2a"),
        patch_discriminator(shape, base_filters=8, downsamplings=2, name="discriminator_a"),
        patch_discriminator(shape, base_filters=8, downsamplings=2, name="discriminator_b"),
    )


def fast_adam():
    return keras.optimizers.Adam(1e-3, beta_1=0.5)


def _plain_network(name, downsampling, activation, conditional=False):
    image = keras.Input((SIDE, SIDE, 1))
    inputs = [image, keras.Input((SIDE, SIDE, 1))] if conditional else image
    x = keras.layers.Concatenate()(inputs) if conditional else image
    x = keras.layers.Conv2D(8, 3, padding="same", activation="relu")(x)
    x = keras.layers.Conv2D(1, 3, strides=downsampling, padding="same", activation=activation)(x)
    return keras.Model(inputs, x, name=name)


# Normalisation-free networks, for comparing one device with several: instance normalisation of
# tiny random networks amplifies float rounding (a 1e-6 change of CycleGAN's input moved its
# generators' outputs by 1e-2 within 4 steps on one device), which would hide a real difference.
def plain_pix2pix_networks():
    return _plain_network("generator", 1, "tanh"), _plain_network("discriminator", 4, None, conditional=True)


def plain_cyclegan_networks():
    return (_plain_network("generator_a2b", 1, "tanh"), _plain_network("generator_b2a", 1, "tanh"),
            _plain_network("discriminator_a", 4, None), _plain_network("discriminator_b", 4, None))
