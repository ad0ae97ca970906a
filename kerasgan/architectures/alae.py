"""ALAE's four MLPs for small images (Pidhorskyi et al. 2020, "Adversarial latent autoencoders",
the MNIST experiment): mapping F: z -> w, generator G: w -> x, encoder E: x -> w and the latent
discriminator D: w -> score, with LeakyReLU(0.2) hidden layers. Our widths are smaller than the
paper's so that MNIST trains in minutes on a CPU."""

import math

import keras

from kerasgan.architectures.dcgan import discriminator_features
from kerasgan.architectures.dcgan import generator_body


def _mlp(inputs, hidden_units, outputs, output_activation=None):
    x = keras.layers.Flatten()(inputs) if len(inputs.shape) > 2 else inputs
    for units in hidden_units:
        x = keras.layers.LeakyReLU(0.2)(keras.layers.Dense(units)(x))
    return keras.layers.Dense(outputs, activation=output_activation)(x)


def _inputs(data_shape, latent_dim):
    """The Inputs z, w (the generator's), w (the discriminator's) and image of ALAE's four networks."""
    return (keras.Input(shape, name=name) for shape, name in
            (((latent_dim,), "z"), ((latent_dim,), "w"), ((latent_dim,), "w"), (tuple(data_shape), "image")))


def alae_networks(data_shape=(28, 28, 1), latent_dim=50, hidden_units=(512, 512), mapping_units=(256, 256),
                  discriminator_units=(256, 256)):
    """(mapping, generator, encoder, discriminator); z and w both have `latent_dim` components."""
    data_shape = tuple(data_shape)
    z, w, latent, image = _inputs(data_shape, latent_dim)
    pixels = _mlp(w, hidden_units, math.prod(data_shape), output_activation="tanh")
    return (
        keras.Model(z, _mlp(z, mapping_units, latent_dim), name="alae_mapping"),
        keras.Model(w, keras.layers.Reshape(data_shape)(pixels), name="alae_generator"),
        keras.Model(image, _mlp(image, hidden_units[::-1], latent_dim), name="alae_encoder"),
        keras.Model(latent, _mlp(latent, discriminator_units, 1), name="alae_discriminator"),
    )


def convolutional_alae_networks(data_shape=(28, 28, 1), latent_dim=64, base_filters=32, mapping_units=(256, 256),
                                discriminator_units=(256, 256)):
    """ALAE's four networks with DCGAN's convolutions for G and E (the paper's own image networks are
    StyleGAN-like; its MNIST MLPs gave noise here, docs/objectives.md): G is DCGAN's generator from w,
    E DCGAN's discriminator without normalisation (the R1 penalty goes through it) ending in w; F and
    D stay MLPs."""
    z, w, latent, image = _inputs(data_shape, latent_dim)
    features = discriminator_features(image, data_shape, base_filters, normalization=None)
    return (
        keras.Model(z, _mlp(z, mapping_units, latent_dim), name="alae_mapping"),
        keras.Model(w, generator_body(w, data_shape, base_filters), name="alae_generator"),
        keras.Model(image, keras.layers.Dense(latent_dim)(features), name="alae_encoder"),
        keras.Model(latent, _mlp(latent, discriminator_units, 1), name="alae_discriminator"),
    )
