"""EBGAN's autoencoder discriminator (Zhao et al. 2017, "Energy-based generative adversarial
networks", section 2.3): x -> {"energy": ||Dec(Enc(x)) - x||^2 per example, "code": Enc(x)}.

For images the encoder is DCGAN's strided convolutions down to a fully
connected code and the decoder DCGAN's generator from that code (the
paper's MNIST and LSUN models are such convolutional autoencoders with
BatchNorm); for vectors both are MLPs. The energy is the mean squared
reconstruction error, so a margin is on the per-pixel scale of data in
[-1, 1].
"""

import keras

from kerasgan.architectures.dcgan import discriminator_features, generator_body
from kerasgan.layers import ReconstructionEnergy


def ebgan_discriminator(data_shape=(28, 28, 1), code_dim=64, base_filters=64, hidden_units=(256, 256),
                        name="ebgan_discriminator"):
    """The autoencoder for `data_shape`: convolutional for (H, W, C) images, MLP for (D,) vectors."""
    data_shape = tuple(data_shape)
    x = keras.Input(data_shape, name="sample")
    if len(data_shape) == 1:
        h = x
        for units in hidden_units:
            h = keras.layers.Dense(units, activation="relu")(h)
        code = keras.layers.Dense(code_dim, name="code")(h)
        h = code
        for units in reversed(hidden_units):
            h = keras.layers.Dense(units, activation="relu")(h)
        reconstruction = keras.layers.Dense(data_shape[0], name="reconstruction")(h)
    else:
        code = keras.layers.Dense(code_dim, name="code")(discriminator_features(x, data_shape, base_filters))
        reconstruction = generator_body(code, data_shape, base_filters)
    energy = ReconstructionEnergy(name="energy")([x, reconstruction])
    return keras.Model(x, {"energy": energy, "code": code}, name=name)
