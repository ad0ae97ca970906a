"""LSGAN (Mao et al. 2017, "Least squares generative adversarial networks")."""

import keras

from kerasgan import losses
from kerasgan.core import AlternatingGAN


@keras.saving.register_keras_serializable(package="kerasgan")
class LSGAN(AlternatingGAN):
    """GAN with least-squares losses and a-b-c coding (Mao et al. 2017, eq. 2).

    min_D 1/2 E[(D(x) - b)^2] + 1/2 E[(D(G(z)) - a)^2],
    min_G 1/2 E[(D(G(z)) - c)^2].
    The defaults a=0, b=1, c=1 are the paper's 0-1 coding; a=-1, b=1, c=0
    satisfies b - c = 1, b - a = 2 and minimises the Pearson chi^2
    divergence. The discriminator output is linear (no sigmoid).
    Default networks and Adam(2e-4, beta_1=0.5) are DCGAN's; the paper used
    Adam with lr 2e-4 (its LSUN model) and 1e-3 for smaller ones.
    """

    def __init__(self, generator=None, discriminator=None, a=0.0, b=1.0, c=1.0, **kwargs):
        if a == b:
            raise ValueError(f"LSGAN needs distinct codes for fake (a) and real (b), got a = b = {a}.")
        super().__init__(generator, discriminator, **kwargs)
        self.a, self.b, self.c = float(a), float(b), float(c)

    def discriminator_loss(self, real_scores, fake_scores):
        return losses.least_squares_discriminator_loss(real_scores, fake_scores, a=self.a, b=self.b)

    def generator_loss(self, fake_scores):
        return losses.least_squares_generator_loss(fake_scores, c=self.c)

    def get_config(self):
        config = super().get_config()
        config.update(a=self.a, b=self.b, c=self.c)
        return config
