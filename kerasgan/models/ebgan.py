"""EBGAN (Zhao, Mathieu & LeCun 2017, "Energy-based generative adversarial networks", arXiv:1609.03126)."""

import keras
from keras import ops

from kerasgan import backend
from kerasgan import losses
from kerasgan.architectures import default_networks
from kerasgan.architectures.energy import ebgan_discriminator
from kerasgan.core import AlternatingGAN
from kerasgan.core.outputs import checked_named_outputs
from kerasgan.core.outputs import named_outputs

OUTPUT_NAMES = ("energy", "code")


@keras.saving.register_keras_serializable(package="kerasgan")
class EBGAN(AlternatingGAN):
    """Energy-based GAN: an autoencoder discriminator whose reconstruction error is the energy.

    With D(x) = ||Dec(Enc(x)) - x||^2 (mean over pixels) and margin m
    (eq. 1 and 2):

        L_D = D(x) + max(0, m - D(G(z)))
        L_G = D(G(z)) + pull_away_weight * PT(Enc(G(z)))

    PT, the pulling-away term (section 2.4), is the mean squared cosine
    similarity between the codes of different fakes in the batch; it pushes
    the generator's samples apart. It couples the examples of a batch, so
    under a distribution strategy it is taken over the global batch (every
    replica's codes, gathered), as one device would. The weight 0.1 is the
    paper's. The discriminator returns {"energy": [batch], "code": [batch,
    k]} (or a list in that order); penalties act on the energy.

    Args:
        margin: m, on the scale of the energy (the default networks' mean
            squared error of data in [-1, 1]), just above what real data
            reach. Measured on MNIST (default networks, 1,000 steps of 64,
            classifier FID of 2,000 samples): 0.2 gives digits (FID 78;
            real energy 0.10, fake 0.24), while 1.0 and 4.0 let the
            discriminator push fakes far above real data and the generator
            stays noise (FID 561, 543). The paper searches m per data set.
        pull_away_weight: the PT weight (0.1; 0 for EBGAN without PT).
        **kwargs: see `kerasgan.core.AlternatingGAN`. Default networks:
            DCGAN's generator and `kerasgan.architectures.ebgan_discriminator`
            (MLPs for vector data), Adam(2e-4, beta_1=0.5) as DCGAN's.

    Example:
    >>> gan = kerasgan.EBGAN(data_shape=(28, 28, 1), margin=0.2)
    >>> gan.compile()
    >>> gan.fit(kerasgan.data.embedded_dataset(64), epochs=5)
    """

    def __init__(self, generator=None, discriminator=None, margin=0.2, pull_away_weight=0.1, **kwargs):
        if margin <= 0 or pull_away_weight < 0:
            raise ValueError(f"Need margin > 0 and pull_away_weight >= 0, got {margin} and {pull_away_weight}.")
        if discriminator is not None:
            checked_named_outputs(discriminator, OUTPUT_NAMES, "EBGAN")
        super().__init__(generator, discriminator, **kwargs)
        self.margin = float(margin)
        self.pull_away_weight = float(pull_away_weight)

    extra_metric_names = ("real_energy", "fake_energy")

    def default_networks(self, data_shape, latent_dim):
        generator, _ = default_networks(data_shape, latent_dim)
        return generator, ebgan_discriminator(data_shape)

    def adversarial_scores(self, outputs):
        return named_outputs(outputs, OUTPUT_NAMES)[0]

    def discriminator_loss(self, real_energy, fake_energy):
        return losses.energy_discriminator_loss(real_energy, fake_energy, self.margin)

    def discriminator_objective(self, real_outputs, fake_outputs, condition):
        return self.discriminator_loss(self.adversarial_scores(real_outputs), self.adversarial_scores(fake_outputs))

    def discriminator_metrics(self, real_energy, fake_energy):
        return {"real_energy": real_energy, "fake_energy": fake_energy}

    def generator_objective(self, fake_outputs, condition):
        energy, codes = named_outputs(fake_outputs, OUTPUT_NAMES)
        # The term belongs to the whole (global) batch: every example carries it, so the
        # global-batch mean of the per-example loss adds it once.
        pulling_away = losses.pulling_away_term(backend.all_gather(codes))
        return ops.cast(energy, "float32") + self.pull_away_weight * pulling_away

    def get_config(self):
        config = super().get_config()
        config.update(margin=self.margin, pull_away_weight=self.pull_away_weight)
        return config
