"""ALAE (Pidhorskyi, Adjeroh & Doretto 2020, "Adversarial latent autoencoders", arXiv:2004.04467)."""

import keras
from keras import ops

from kerasgan import backend
from kerasgan.architectures import alae_networks
from kerasgan.core.gan import run_in_batches
from kerasgan.core.gan import translate_images
from kerasgan.models.dcgan import DCGAN
from kerasgan.penalties import R1Penalty

NETWORKS = ("mapping", "decoder", "encoder", "latent_discriminator")


@keras.saving.register_keras_serializable(package="kerasgan")
class ALAE(DCGAN):
    """Adversarial latent autoencoder (Algorithm 1 of the paper).

    Four networks: the mapping F: z -> w, the generator G: w -> x (here
    `decoder`), the encoder E: x -> w and the discriminator D: w -> score,
    which judges images through their codes, D(E(x)). Each `train_step` is one
    iteration of Algorithm 1:

    I.   E and D: softplus(D(E(G(F(z))))) + softplus(-D(E(x))) + gamma/2 ||grad D(E(x))||^2
    II.  F and G: softplus(-D(E(G(F(z)))))
    III. E and G: |w - E(G(w))|^2 with w = F(z) held fixed: the latent reconstruction

    Steps I and II are a non-saturating GAN with R1 (Mescheder et al. 2018)
    whose generator is G(F(.)) and whose discriminator is D(E(.)), so this
    class is DCGAN's algorithm with those composites (`generator` and
    `discriminator`) plus step III. The reconstruction is in w, never in
    pixels. Optimizers: d_optimizer trains E and D, g_optimizer F and G, as in
    the reference code; step III moves E with the first and G with the
    second. Logs d_loss, g_loss, r1_gradient_norm and latent_reconstruction.
    gamma = 10 and Adam(beta_1=0, beta_2=0.99) are the paper's.

    Two measured departures (32x32 MNIST, the default MLPs, batch 64): step
    III averages the squared error over w's components, as the reference
    code does, where the paper writes the squared norm: with the sum the
    reconstruction term swamps the adversarial one in the shared Adam
    moments and after 1,500 steps every sample is the same blob (the MNIST
    classifier agrees with 8% of reconstructions; with the mean, 47%). The
    rate is 2e-4, not the paper's 0.002, which the reference code pairs with
    equalised learning rates: with plain Adam at 0.002 the latent
    reconstruction error reaches 2,600 within 600 steps.

    Args:
        mapping, decoder, encoder, latent_discriminator: the networks, or
            None for `kerasgan.architectures.alae_networks` (MLPs, the
            paper's MNIST form). For images prefer
            `architectures.convolutional_alae_networks`: on 28x28 MNIST the
            MLPs' samples stayed noise (FID 467 after 10,000 steps) where
            DCGAN's convolutions for G and E reached FID 9.0 (the
            `alae_mnist` zoo entry, recipes/alae_mnist.py).
        gamma: the R1 weight.
        latent_dim: z and w size of the default networks (50, the paper's).
        **kwargs: see `kerasgan.core.AlternatingGAN`.

    Example:
    >>> alae = kerasgan.ALAE(data_shape=(28, 28, 1))
    >>> alae.compile()
    >>> alae.fit(kerasgan.data.embedded_dataset(64), epochs=5)
    >>> codes, reconstructions = alae.encode(images), alae.reconstruct(images)
    """

    serialized_arguments = tuple(name for name in DCGAN.serialized_arguments if name not in ("generator", "discriminator"))
    serialized_arguments += NETWORKS
    extra_metric_names = ("latent_reconstruction",)
    # Measured with tools/xla_defaults.py (minibatch 32, 2 CPU cores): XLA 1.24x and 1.33x tf.function.
    xla_on_tensorflow = True

    def __init__(self, mapping=None, decoder=None, encoder=None, latent_discriminator=None, gamma=10.0,
                 latent_dim=None, data_shape=None, **kwargs):
        given = [network is not None for network in (mapping, decoder, encoder, latent_discriminator)]
        if any(given) and not all(given):
            raise ValueError(f"Pass all four networks ({', '.join(NETWORKS)}) or none of them.")
        if not any(given):
            mapping, decoder, encoder, latent_discriminator = alae_networks(
                data_shape or self.default_data_shape, latent_dim or 50
            )
        self.gamma = float(gamma)
        self.mapping, self.decoder = mapping, decoder
        self.encoder, self.latent_discriminator = encoder, latent_discriminator
        z = keras.Input(mapping.input_shape[1:], name="z")
        image = keras.Input(encoder.input_shape[1:], name="image")
        super().__init__(
            keras.Model(z, decoder(mapping(z)), name="mapped_generator"),
            keras.Model(image, latent_discriminator(encoder(image)), name="encoded_discriminator"),
            **kwargs,
        )

    def own_penalties(self):
        return (R1Penalty(gamma=self.gamma),)

    def default_optimizers(self):
        return (
            keras.optimizers.Adam(2e-4, beta_1=0.0, beta_2=0.99),
            keras.optimizers.Adam(2e-4, beta_1=0.0, beta_2=0.99),
        )

    def after_adversarial_updates(self, real, condition=None):
        """Step III, after steps I and II (the alternating core's updates)."""
        w = ops.stop_gradient(self.mapping(self.replica_latents(backend.batch_size(real)), training=True))

        def latent_reconstruction():
            reconstructed = self.encoder(self.decoder(w, training=True), training=True)
            per_example = ops.mean(ops.square(ops.cast(reconstructed, "float32") - ops.cast(w, "float32")), axis=-1)
            loss = backend.global_batch_mean(per_example)
            return (loss, loss), {"latent_reconstruction": per_example}

        self.update_trackers(self.minimize_together(
            latent_reconstruction, ("d_optimizer", "g_optimizer"),
            variable_lists=[self.encoder.trainable_variables, self.decoder.trainable_variables],
        ))

    def encode(self, images, batch_size=256):
        """E(x): the codes w of `images` (in [-1, 1]), as numpy."""
        return translate_images(self.encoder, images, batch_size, what="images to encode")

    def reconstruct(self, images, batch_size=256):
        """G(E(x)): the images the codes of `images` decode to, as numpy."""
        codes = self.encode(images, batch_size)
        return run_in_batches(self.decoder, lambda start, stop: codes[start:stop], len(codes), batch_size)

    def get_config(self):
        config = super().get_config()
        for name in ("generator", "discriminator"):
            config.pop(name)
        config.update({name: keras.saving.serialize_keras_object(getattr(self, name)) for name in NETWORKS})
        config.update(gamma=self.gamma)
        return config
