"""Fully connected networks for low-dimensional (toy) data.

The same shape for every method, so that toy comparisons differ only in the
objective: ReLU hidden layers in the generator, LeakyReLU(0.2) in the
discriminator, a linear generator output (toy data is not bounded to [-1, 1])
and one unbounded discriminator score.
"""

import keras

from kerasgan.architectures.normalization import maybe_spectral_norm


def mlp_generator(data_dim=2, latent_dim=2, hidden_units=(256, 256, 256), name="mlp_generator"):
    z = keras.Input((latent_dim,), name="z")
    x = z
    for units in hidden_units:
        x = keras.layers.Dense(units, activation="relu")(x)
    sample = keras.layers.Dense(data_dim, name="sample")(x)
    return keras.Model(z, sample, name=name)


def mlp_discriminator(
    data_dim=2,
    hidden_units=(256, 256, 256),
    spectral_norm=False,
    output_units=1,
    name="mlp_discriminator",
):
    sample = keras.Input((data_dim,), name="sample")
    x = sample
    for units in hidden_units:
        x = maybe_spectral_norm(keras.layers.Dense(units), spectral_norm)(x)
        x = keras.layers.LeakyReLU(0.2)(x)
    score = maybe_spectral_norm(keras.layers.Dense(output_units), spectral_norm)(x)
    return keras.Model(sample, score, name=name)
