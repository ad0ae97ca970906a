"""Layers and constraints used by the GAN variants."""

import keras


@keras.saving.register_keras_serializable(package="kerasgan")
class ClipConstraint(keras.constraints.Constraint):
    """Clips every weight to [-clip_value, clip_value] after each update.

    The weight clipping of WGAN (Arjovsky et al. 2017, Algorithm 1, c = 0.01),
    which keeps the critic in a compact set and so K-Lipschitz for some K.
    """

    def __init__(self, clip_value=0.01):
        if clip_value <= 0:
            raise ValueError(f"clip_value must be positive, got {clip_value}.")
        self.clip_value = float(clip_value)

    def __call__(self, weights):
        return keras.ops.clip(weights, -self.clip_value, self.clip_value)

    def get_config(self):
        return {"clip_value": self.clip_value}
