"""WGAN-GP (Gulrajani et al. 2017, "Improved training of Wasserstein GANs", arXiv:1704.00028)."""

import keras

from kerasgan.architectures import default_networks
from kerasgan.models.wasserstein import WassersteinGAN
from kerasgan.penalties import GradientPenalty


def reject_batch_normalization(network):
    """Raises if `network` contains BatchNormalization (invalid with a gradient penalty)."""
    for layer in network._flatten_layers(include_self=False):
        if isinstance(layer, keras.layers.BatchNormalization):
            raise ValueError(
                f"The critic contains BatchNormalization ({layer.name}). The gradient "
                "penalty is per example, and batch statistics make each output depend "
                "on the whole batch (Gulrajani et al. 2017, section 4): use "
                "LayerNormalization or no normalisation in the critic."
            )


@keras.saving.register_keras_serializable(package="kerasgan")
class WGANGP(WassersteinGAN):
    """Wasserstein GAN with gradient penalty (Algorithm 1 of the paper).

    Per generator update: `n_critic` (5) critic updates, each on a fresh real
    minibatch, minimising f(G(z)) - f(x) + gp_weight (||grad f(x_hat)|| - 1)^2
    at x_hat = eps x + (1 - eps) G(z) with eps ~ U[0, 1] per example; Adam(1e-4,
    beta_1=0, beta_2=0.9) for both networks; lambda = 10. Batch the dataset with
    `n_critic * m` (see `WGAN`). `one_sided_penalty=True` uses
    max(0, ||grad|| - 1)^2. Logs "gradient_norm", the mean norm at the
    interpolates (near 1 once the constraint holds).

    Unlike some tutorials, eps is uniform (a keras.io version drew it from a
    normal distribution), the norm runs over all non-batch axes, and the
    critic has no BatchNorm: default critics use LayerNormalization and a
    critic with BatchNormalization is refused. A `penalty=` (R1, DRAGAN, ...)
    is added on top of the gradient penalty.
    """

    def __init__(
        self, generator=None, discriminator=None, gp_weight=10.0, one_sided_penalty=False, n_critic=5, **kwargs
    ):
        self.gp_weight = float(gp_weight)
        self.one_sided_penalty = bool(one_sided_penalty)
        super().__init__(generator, discriminator, n_critic=n_critic, **kwargs)
        reject_batch_normalization(self.discriminator)

    def own_penalties(self):
        return (GradientPenalty(weight=self.gp_weight, one_sided=self.one_sided_penalty),)

    def default_networks(self, data_shape, latent_dim):
        return default_networks(data_shape, latent_dim, normalization="layer")

    def default_optimizers(self):
        return (
            keras.optimizers.Adam(1e-4, beta_1=0.0, beta_2=0.9),
            keras.optimizers.Adam(1e-4, beta_1=0.0, beta_2=0.9),
        )

    def get_config(self):
        config = super().get_config()
        config.update(gp_weight=self.gp_weight, one_sided_penalty=self.one_sided_penalty)
        return config
