"""Fully connected networks for low-dimensional (toy) data.

The same shape for every method, so that toy comparisons differ only in the
objective: ReLU hidden layers in the generator, LeakyReLU(0.2) in the
discriminator, a linear generator output (toy data is not bounded to [-1, 1])
and one unbounded discriminator score.
"""

import keras

from kerasgan.architectures.dcgan import with_reference_batch
from kerasgan.architectures.normalization import maybe_spectral_norm
from kerasgan.layers import MinibatchDiscrimination
from kerasgan.layers import VirtualBatchNormalization


def mlp_generator(data_dim=2, latent_dim=2, hidden_units=(256, 256, 256), virtual_batch_size=None,
                  name="mlp_generator"):
    """`virtual_batch_size=R` adds virtual batch normalisation before each hidden ReLU
    (`kerasgan.layers.VirtualBatchNormalization`, a reference batch of R latents)."""

    def body(x):
        for units in hidden_units:
            x = keras.layers.Dense(units)(x)
            if virtual_batch_size is not None:
                x = VirtualBatchNormalization(virtual_batch_size)(x)
            x = keras.layers.ReLU()(x)
        return keras.layers.Dense(data_dim, name="sample")(x)

    z = keras.Input((latent_dim,), name="z")
    if virtual_batch_size is None:
        return keras.Model(z, body(z), name=name)
    return with_reference_batch(z, body, virtual_batch_size, name)


def mlp_discriminator(
    data_dim=2,
    hidden_units=(256, 256, 256),
    spectral_norm=False,
    output_units=1,
    minibatch_discrimination=False,
    name="mlp_discriminator",
):
    """The last hidden layer is "features"; `minibatch_discrimination` puts
    `kerasgan.layers.MinibatchDiscrimination` between it and the output."""
    sample = keras.Input((data_dim,), name="sample")
    x = sample
    for layer, units in enumerate(hidden_units):
        x = maybe_spectral_norm(keras.layers.Dense(units), spectral_norm)(x)
        x = keras.layers.LeakyReLU(0.2, name="features" if layer == len(hidden_units) - 1 else None)(x)
    if minibatch_discrimination:
        x = MinibatchDiscrimination()(x)
    score = maybe_spectral_norm(keras.layers.Dense(output_units), spectral_norm)(x)
    return keras.Model(sample, score, name=name)
