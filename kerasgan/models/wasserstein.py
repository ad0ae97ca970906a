"""The Wasserstein objective shared by WGAN and WGAN-GP."""

import keras

from kerasgan import losses
from kerasgan.core import AlternatingGAN


@keras.saving.register_keras_serializable(package="kerasgan")
class WassersteinGAN(AlternatingGAN):
    """Critic f maximises E[f(x)] - E[f(G(z))]; the generator maximises E[f(G(z))].

    By Kantorovich-Rubinstein duality the maximum over 1-Lipschitz f is the
    Wasserstein-1 distance (Arjovsky et al. 2017). This class holds the
    objective only; `WGAN` (weight clipping) and `WGANGP` (gradient penalty)
    add the Lipschitz constraint. Logs "wasserstein_estimate", the critic's
    E[f(x)] - E[f(G(z))] on each critic batch: it falls as samples improve.
    """

    extra_metric_names = ("wasserstein_estimate",)

    def discriminator_loss(self, real_scores, fake_scores):
        return losses.wasserstein_discriminator_loss(real_scores, fake_scores)

    def generator_loss(self, fake_scores):
        return losses.wasserstein_generator_loss(fake_scores)

    def discriminator_metrics(self, real_scores, fake_scores):
        return {"wasserstein_estimate": -losses.wasserstein_discriminator_loss(real_scores, fake_scores)}
