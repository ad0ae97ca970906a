"""Normalisation choices shared by the default discriminators."""

import keras

from kerasgan.layers import GlobalBatchNormalization

NORMALIZATIONS = ("batch", "layer", None)


def batch_normalization(synchronized=True):
    """BatchNormalization over the global batch (`GlobalBatchNormalization`), or per replica."""
    return GlobalBatchNormalization() if synchronized else keras.layers.BatchNormalization()


def discriminator_normalization(kind, synchronized_batchnorm=True):
    """A fresh normalisation layer: "batch", "layer" or None (identity)."""
    if kind == "batch":
        return batch_normalization(synchronized_batchnorm)
    if kind == "layer":
        return keras.layers.LayerNormalization()
    if kind is None:
        return keras.layers.Identity()
    raise ValueError(
        f"normalization must be one of {NORMALIZATIONS}, got {kind!r}."
    )


def instance_normalization(name=None):
    """Per-example, per-channel normalisation over height and width (Ulyanov et al. 2016), with a learned
    scale and offset: Keras' `GroupNormalization` with one group per channel. What pix2pix (batch norm at
    batch size 1 with test-time statistics) and CycleGAN compute."""
    return keras.layers.GroupNormalization(groups=-1, epsilon=1e-5, name=name)


def maybe_spectral_norm(layer, enabled):
    """Wraps `layer` in `keras.layers.SpectralNormalization` when enabled."""
    return keras.layers.SpectralNormalization(layer) if enabled else layer
