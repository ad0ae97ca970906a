"""Cramer GAN (Bellemare et al. 2017, "The Cramer distance as a solution to biased Wasserstein
gradients", arXiv:1705.10743)."""

import keras
from keras import ops

from kerasgan import backend
from kerasgan import losses
from kerasgan.architectures import default_networks
from kerasgan.core import AlternatingGAN
from kerasgan.models.wgan_gp import reject_batch_normalization
from kerasgan.penalties import GradientPenalty
from kerasgan.penalties import LossScaledCritic


@keras.saving.register_keras_serializable(package="kerasgan")
class CramerGAN(AlternatingGAN):
    """The energy distance between the critic's transformed distributions (Algorithm 1).

    The critic network h maps an example to a feature vector ([batch, k],
    k = 256 in the default networks), not a score. Each update draws a real
    batch x_r and two independent fake batches x_g, x'_g, and with
    f(x) = ||h(x) - h(x'_g)||_2 - ||h(x)||_2:

        generator:  ||h(x_r) - h(x_g)|| + ||h(x_r) - h(x'_g)|| - ||h(x_g) - h(x'_g)||
        critic:     -(f(x_r) - f(x_g)) + lambda (||grad f(x_hat)||_2 - 1)^2

    with x_hat = eps x_r + (1 - eps) x_g, eps ~ U[0, 1] per example and
    lambda = 10. The generator's loss is the energy distance of h(P) and
    h(Q) without the real-real term (a constant for the generator); its
    sample gradients are unbiased, the property the paper is about. Every
    term pairs the i-th examples of the batches, so the losses are
    per-example and exact under a distribution strategy. Logs
    "energy_estimate", the generator loss's value on the critic's batches,
    and "gradient_norm".

    Like WGAN-GP, whose training setup the paper reuses: `n_critic=5` critic
    updates per generator update (batch the data with 5 * batch_size), a
    critic without BatchNorm (refused), Adam(1e-4, beta_1=0, beta_2=0.9).

    Args:
        gp_weight: lambda of the gradient penalty.
        feature_dim: k, the width of the default critic's output.
        **kwargs: see `kerasgan.core.AlternatingGAN`.

    Example:
    >>> gan = kerasgan.CramerGAN(data_shape=(28, 28, 1))
    >>> gan.compile()
    >>> gan.fit(kerasgan.data.embedded_dataset(5 * 64), epochs=5)
    """

    extra_metric_names = ("energy_estimate",)

    def __init__(self, generator=None, discriminator=None, gp_weight=10.0, feature_dim=256, n_critic=5, **kwargs):
        if kwargs.get("feature_matching"):
            raise ValueError("Cramer GAN's generator loss is its own (the energy distance); it takes no feature_matching.")
        self.gp_weight = float(gp_weight)
        self.feature_dim = int(feature_dim)
        super().__init__(generator, discriminator, n_critic=n_critic, **kwargs)
        reject_batch_normalization(self.discriminator)

    def default_networks(self, data_shape, latent_dim):
        return default_networks(data_shape, latent_dim, normalization="layer", output_units=self.feature_dim)

    def default_optimizers(self):
        return (
            keras.optimizers.Adam(1e-4, beta_1=0.0, beta_2=0.9),
            keras.optimizers.Adam(1e-4, beta_1=0.0, beta_2=0.9),
        )

    def own_penalties(self):
        return (GradientPenalty(weight=self.gp_weight),)

    def check_discriminator_outputs(self):
        shape = tuple(self.discriminator.output_shape)
        if len(shape) != 2:
            raise ValueError(
                f"Cramer GAN's critic maps each example to a feature vector [batch, k]; this one outputs {shape}."
            )

    def two_fake_batches(self, local_batch, condition):
        """Generator inputs of x_g and x'_g: independent noise for each."""
        return self.generator_inputs(local_batch, condition), self.generator_inputs(local_batch, condition)

    def discriminator_step(self, real, condition=None):
        first_inputs, second_inputs = self.two_fake_batches(backend.batch_size(real), condition)
        fake = self.discriminator_inputs(self.fake_samples(first_inputs))
        other_fake = self.discriminator_inputs(self.fake_samples(second_inputs))
        real = self.discriminator_inputs(real)

        def loss():
            reference = self.discriminate(other_fake, condition, training=True)

            def critic_values(samples):
                return losses.cramer_critic(self.discriminate(samples, condition, training=True), reference)

            critic = LossScaledCritic(critic_values, self.d_optimizer)

            real_features = self.discriminate(real, condition, training=True)
            fake_features = self.discriminate(fake, condition, training=True)
            per_example = losses.cramer_critic_loss(real_features, fake_features, reference)
            values, logged = self.penalty(critic, real, fake, self.seed_generator)
            logged["energy_estimate"] = losses.cramer_generator_loss(real_features, fake_features, reference)
            per_example = per_example + values
            logged["d_loss"] = per_example
            return backend.global_batch_mean(per_example), logged

        self.update_trackers(self.minimize("d_optimizer", loss))

    def generator_step(self, real, condition=None):
        first_inputs, second_inputs = self.two_fake_batches(backend.batch_size(real), condition)
        real = self.discriminator_inputs(real)

        def loss():
            fake = self.discriminator_inputs(self.fake_samples(first_inputs))
            other_fake = self.discriminator_inputs(self.fake_samples(second_inputs))
            per_example = losses.cramer_generator_loss(
                self.discriminate(real, condition, training=True),
                self.discriminate(fake, condition, training=True),
                self.discriminate(other_fake, condition, training=True),
            )
            return backend.global_batch_mean(per_example), {"g_loss": per_example}

        self.update_trackers(self.minimize("g_optimizer", loss))

    def get_config(self):
        config = super().get_config()
        config.update(gp_weight=self.gp_weight, feature_dim=self.feature_dim)
        return config
