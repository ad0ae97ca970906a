"""Hinge-loss GAN with spectral normalisation (Miyato et al. 2018, arXiv:1802.05957)."""

import keras

from kerasgan import losses
from kerasgan.architectures import dcgan_generator
from kerasgan.architectures import default_networks
from kerasgan.architectures import sngan_discriminator
from kerasgan.core import AlternatingGAN


@keras.saving.register_keras_serializable(package="kerasgan")
class HingeGAN(AlternatingGAN):
    """GAN with the hinge loss (Lim & Ye 2017) and a spectrally normalised discriminator.

    D minimises E[max(0, 1 - D(x))] + E[max(0, 1 + D(G(z)))]; G minimises
    -E[D(G(z))], as in SNGAN and BigGAN. Default networks for images:
    SN-GAN's standard CNN discriminator (`architectures.sngan_discriminator`,
    every kernel spectrally normalised, no BatchNorm) and DCGAN's generator,
    which keeps BatchNorm; for vectors, MLPs with a spectrally normalised
    discriminator. Optimizer:
    Adam(2e-4, beta_1=0.5, beta_2=0.999) with one D update per G update
    (SNGAN's setting C).
    """

    def default_networks(self, data_shape, latent_dim):
        if len(data_shape) != 3:
            return default_networks(data_shape, latent_dim, normalization=None, spectral_norm=True)
        return dcgan_generator(data_shape, latent_dim), sngan_discriminator(data_shape)

    def default_optimizers(self):
        return (
            keras.optimizers.Adam(2e-4, beta_1=0.5, beta_2=0.999),
            keras.optimizers.Adam(2e-4, beta_1=0.5, beta_2=0.999),
        )

    def discriminator_loss(self, real_scores, fake_scores):
        return losses.hinge_discriminator_loss(real_scores, fake_scores)

    def generator_loss(self, fake_scores):
        return losses.hinge_generator_loss(fake_scores)
