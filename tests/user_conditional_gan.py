"""A conditional GAN as a user writes it on kerasgan's core (the core issue asks for < 50 lines).

Mirza & Osindero 2014: the class label goes to both networks, here through a
learned embedding concatenated to z and to x; least-squares losses.
"""

import keras

from kerasgan import losses
from kerasgan.core import AlternatingGAN


def label_embedding(num_classes, size, labels):
    return keras.layers.Flatten()(keras.layers.Embedding(num_classes, size)(labels))


def conditional_mlps(data_dim, latent_dim, num_classes, units=64):
    z, labels = keras.Input((latent_dim,)), keras.Input((), dtype="int32")
    hidden = keras.layers.Concatenate()([z, label_embedding(num_classes, 8, labels)])
    for _ in range(2):
        hidden = keras.layers.Dense(units, activation="relu")(hidden)
    generator = keras.Model([z, labels], keras.layers.Dense(data_dim)(hidden))

    x, labels = keras.Input((data_dim,)), keras.Input((), dtype="int32")
    hidden = keras.layers.Concatenate()([x, label_embedding(num_classes, 8, labels)])
    for _ in range(2):
        hidden = keras.layers.Dense(units, activation="leaky_relu")(hidden)
    discriminator = keras.Model([x, labels], keras.layers.Dense(1)(hidden))
    return generator, discriminator


@keras.saving.register_keras_serializable(package="user")
class ConditionalLSGAN(AlternatingGAN):
    """fit((x, labels)); generate(n, labels=...)."""

    def discriminator_loss(self, real_scores, fake_scores):
        return losses.least_squares_discriminator_loss(real_scores, fake_scores)

    def generator_loss(self, fake_scores):
        return losses.least_squares_generator_loss(fake_scores)
