"""Class-conditional GANs: Mirza & Osindero 2014 (arXiv:1411.1784) and the projection
discriminator of Miyato & Koyama 2018 (arXiv:1802.05637)."""

import keras

from kerasgan import losses
from kerasgan.architectures.conditional import CONDITIONINGS
from kerasgan.architectures.conditional import conditional_discriminator
from kerasgan.architectures.conditional import conditional_generator
from kerasgan.core import AlternatingGAN

# name: (per-example discriminator loss, per-example generator loss)
ADVERSARIAL_LOSSES = {
    "non_saturating": (losses.minimax_discriminator_loss, losses.non_saturating_generator_loss),
    "hinge": (losses.hinge_discriminator_loss, losses.hinge_generator_loss),
    "least_squares": (losses.least_squares_discriminator_loss, losses.least_squares_generator_loss),
}


@keras.saving.register_keras_serializable(package="kerasgan")
class ConditionalGAN(AlternatingGAN):
    """A GAN whose networks both see the class label: `fit((images, labels))`, `generate(n, labels)`.

    The generator takes `[z, labels]`, the discriminator `[x, labels]`
    (labels: integer class ids, shape [batch]); the fake examples of a step
    carry the labels of its real batch, so both sides see the data's class
    frequencies. Default networks (`kerasgan.architectures.conditional`):
    DCGAN's for images, MLPs for vectors, with a label embedding joined to z,
    and the discriminator conditioned by `conditioning`:

    - "projection" (Miyato & Koyama 2018): D(x, y) = psi(phi(x)) +
      embed(y)^T phi(x). The paper pairs it with the hinge loss and spectral
      norm (`loss="hinge", spectral_norm=True`), as BigGAN does.
    - "concat" (Mirza & Osindero 2014): one-hot labels joined to the input.

    Any penalty of `kerasgan.penalties` plugs in through `penalty=`; it sees
    the labels, since every discriminator call does.

    Args:
        num_classes: number of classes; labels lie in [0, num_classes).
        conditioning: "projection" (default) or "concat", for the default networks.
        loss: "non_saturating" (default: the minimax discriminator loss and
            -log D(G(z)) for the generator), "hinge" or "least_squares".
        spectral_norm: wrap the default discriminator's kernels in spectral
            normalisation, without BatchNorm (SNGAN's discriminator).
        orthogonal_regularization: beta of BigGAN's orthogonal regularisation
            on every kernel of the default generator (1e-4 in BigGAN), or None.
        conditional_batchnorm, self_attention: BigGAN's class-conditional
            BatchNorm and SAGAN's self-attention block in the default
            generator (see `kerasgan.architectures.conditional`).
        **kwargs: see `kerasgan.core.AlternatingGAN`.

    Example:
    >>> gan = kerasgan.ConditionalGAN(num_classes=10, data_shape=(28, 28, 1), latent_dim=64)
    >>> gan.compile()
    >>> gan.fit(kerasgan.data.mnist_dataset(64, data_dir, with_labels=True), epochs=5)
    >>> sevens = gan.generate(16, labels=7)
    """

    def __init__(
        self,
        generator=None,
        discriminator=None,
        num_classes=None,
        conditioning="projection",
        loss="non_saturating",
        spectral_norm=False,
        orthogonal_regularization=None,
        conditional_batchnorm=False,
        self_attention=False,
        **kwargs,
    ):
        if conditioning not in CONDITIONINGS:
            raise ValueError(f"conditioning must be one of {CONDITIONINGS}, got {conditioning!r}.")
        if loss not in ADVERSARIAL_LOSSES:
            raise ValueError(f"loss must be one of {tuple(ADVERSARIAL_LOSSES)}, got {loss!r}.")
        if num_classes is None:
            raise ValueError("ConditionalGAN needs num_classes.")
        # Read by default_networks, which the base constructor calls.
        self.conditioning = conditioning
        self.spectral_norm = bool(spectral_norm)
        self.orthogonal_regularization = orthogonal_regularization
        self.conditional_batchnorm = bool(conditional_batchnorm)
        self.self_attention = bool(self_attention)
        self.num_classes = int(num_classes)
        # The name of the loss pair (not `loss`: keras.Model resets that attribute to None).
        self.adversarial_loss = loss
        super().__init__(generator, discriminator, num_classes=num_classes, **kwargs)
        for role, network in (("generator", self.generator), ("discriminator", self.discriminator)):
            if len(network.inputs) != 2:
                raise ValueError(
                    f"ConditionalGAN's {role} must take two inputs, [{'z' if role == 'generator' else 'x'}, "
                    f"labels]; it takes {len(network.inputs)}."
                )

    @property
    def scores_are_logits(self):
        return self.adversarial_loss == "non_saturating"

    def default_networks(self, data_shape, latent_dim):
        return (
            conditional_generator(
                data_shape,
                latent_dim,
                self.num_classes,
                orthogonal_regularization=self.orthogonal_regularization,
                conditional_batchnorm=self.conditional_batchnorm,
                self_attention=self.self_attention,
            ),
            conditional_discriminator(
                data_shape,
                self.num_classes,
                conditioning=self.conditioning,
                normalization=None if self.spectral_norm else "batch",
                spectral_norm=self.spectral_norm,
            ),
        )

    def discriminator_loss(self, real_scores, fake_scores):
        return ADVERSARIAL_LOSSES[self.adversarial_loss][0](real_scores, fake_scores)

    def generator_loss(self, fake_scores):
        return ADVERSARIAL_LOSSES[self.adversarial_loss][1](fake_scores)

    def get_config(self):
        config = super().get_config()
        config.update(
            conditioning=self.conditioning,
            loss=self.adversarial_loss,
            spectral_norm=self.spectral_norm,
            orthogonal_regularization=self.orthogonal_regularization,
            conditional_batchnorm=self.conditional_batchnorm,
            self_attention=self.self_attention,
        )
        return config
