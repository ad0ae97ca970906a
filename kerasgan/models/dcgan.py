"""DCGAN (Radford et al. 2015, arXiv:1511.06434)."""

import keras

from kerasgan import losses
from kerasgan.core import AlternatingGAN

GENERATOR_LOSSES = ("non_saturating", "minimax")


@keras.saving.register_keras_serializable(package="kerasgan")
class DCGAN(AlternatingGAN):
    """Deep convolutional GAN trained on the minimax game.

    Default networks follow the DCGAN design rules
    (`kerasgan.architectures.dcgan`); for vector data (`data_shape=(D,)`) they
    are MLPs, i.e. the original GAN of Goodfellow et al. 2014. Optimizer:
    Adam(2e-4, beta_1=0.5) for both networks, as in the paper.

    Args:
        generator_loss: "non_saturating" (-log D(G(z)), default) or
            "minimax" (log(1 - D(G(z))), the saturating original).
        label_smoothing: one-sided label smoothing of the real targets
            (Salimans et al. 2016); 0.1 gives targets of 0.9. Fake targets
            stay 0: smoothing them would reward the generator's mistakes.
        **kwargs: see `kerasgan.core.AlternatingGAN`.

    Example:
    >>> gan = kerasgan.DCGAN(data_shape=(28, 28, 1), latent_dim=64)
    >>> gan.compile()
    >>> gan.fit(kerasgan.data.embedded_dataset(64), epochs=1)
    """

    scores_are_logits = True

    def __init__(self, generator=None, discriminator=None, generator_loss="non_saturating", label_smoothing=0.0, **kwargs):
        if generator_loss not in GENERATOR_LOSSES:
            raise ValueError(
                f"generator_loss must be one of {GENERATOR_LOSSES}, got {generator_loss!r}."
            )
        if not 0.0 <= label_smoothing < 1.0:
            raise ValueError(f"label_smoothing must be in [0, 1), got {label_smoothing}.")
        super().__init__(generator, discriminator, **kwargs)
        self.generator_loss_name = generator_loss
        self.label_smoothing = float(label_smoothing)

    def discriminator_loss(self, real_scores, fake_scores):
        return losses.minimax_discriminator_loss(
            real_scores, fake_scores, label_smoothing=self.label_smoothing
        )

    def generator_loss(self, fake_scores):
        if self.generator_loss_name == "minimax":
            return losses.minimax_generator_loss(fake_scores)
        return losses.non_saturating_generator_loss(fake_scores)

    def get_config(self):
        config = super().get_config()
        config.update(
            generator_loss=self.generator_loss_name, label_smoothing=self.label_smoothing
        )
        return config
