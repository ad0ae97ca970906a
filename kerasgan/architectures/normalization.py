"""Normalisation choices shared by the default discriminators."""

import keras

NORMALIZATIONS = ("batch", "layer", None)


def discriminator_normalization(kind, synchronized_batchnorm=True):
    """A fresh normalisation layer: "batch", "layer" or None (identity)."""
    if kind == "batch":
        return keras.layers.BatchNormalization(synchronized=synchronized_batchnorm)
    if kind == "layer":
        return keras.layers.LayerNormalization()
    if kind is None:
        return keras.layers.Identity()
    raise ValueError(
        f"normalization must be one of {NORMALIZATIONS}, got {kind!r}."
    )


def maybe_spectral_norm(layer, enabled):
    """Wraps `layer` in `keras.layers.SpectralNormalization` when enabled."""
    return keras.layers.SpectralNormalization(layer) if enabled else layer
