"""BEGAN (Berthelot et al. 2017, "BEGAN: Boundary equilibrium generative
adversarial networks", arXiv:1703.10717)."""

import keras
from keras import ops

from kerasgan import backend
from kerasgan.architectures.autoencoder import began_discriminator, began_generator
from kerasgan.core import GAN


@keras.saving.register_keras_serializable(package="kerasgan")
class BEGAN(GAN):
    """Boundary equilibrium GAN: an autoencoder discriminator and a k_t controller.

    With the pixel-wise autoencoder loss L(v) = mean |v - D(v)|^eta, each
    training step is, as in section 3.4 of the paper:

        L_D = L(x) - k_t L(G(z_D))          (z_D, z_G ~ U[-1, 1], drawn apart)
        L_G = L(G(z_G))
        theta_D -= grad L_D;  theta_G -= grad L_G     (simultaneous updates)
        k_{t+1} = clip(k_t + lambda_k (gamma L(x) - L(G(z_G))), 0, 1)

    k_t starts at 0 and is a non-trainable weight (saved with the model); the
    step's global-batch means drive it, so it is updated once per global
    step under a `tf.distribute` strategy. gamma = E[L(G(z))] / E[L(x)] at
    equilibrium trades diversity (high) for quality (low).

    Logs "k" (k_t after the step) and, as running means over the epoch like
    every Keras metric, "real_loss" L(x), "g_loss" L(G(z_G)),
    "d_loss" and "convergence", M_global = L(x) + |gamma L(x) - L(G(z_G))|.
    The paper halves the learning rate when M_global stalls: use
    `kerasgan.callbacks.ReduceLearningRatesOnPlateau(monitor="convergence")`.

    Where tutorials differ: several feed one z to both losses; the paper draws
    z_D and z_G separately, as here. Default optimizers are Adam(1e-4) with
    Keras' default betas (the paper gives only the learning rate).

    Args:
        gamma: diversity ratio, positive. The paper uses (0, 1]; above 1
            the controller asks for fakes that the discriminator
            reconstructs worse than the average real image. The
            equilibrium constrains only that mean, so data whose modes
            differ in reconstruction difficulty admit a collapse onto the
            easy ones: on MNIST, 1s reconstruct at about half the mean
            (`tools/began_class_losses.py`) and gamma <= 1 ends in 1s;
            `recipes/began_mnist.py` uses gamma 1.3.
        lambda_k: learning rate of k_t (0.001).
        eta: exponent of the autoencoder loss, 1 (L1) or 2.
        generator, discriminator, latent_dim, data_shape, seed, ema_decay:
            see `kerasgan.core.GAN` (a moving average of the generator is
            not in the BEGAN paper; off by default); the discriminator must
            map images to images of the same shape. Default networks: `began_generator`
            and `began_discriminator` with n = 64 and h = latent_dim = 64.

    Example:
    >>> gan = kerasgan.BEGAN(data_shape=(28, 28, 1), gamma=0.5)
    >>> gan.compile()
    >>> gan.fit(kerasgan.data.embedded_dataset(16), epochs=1)
    """

    default_latent_dim = 64
    latent_distribution = "uniform"  # z ~ U[-1, 1], as in the paper
    extra_metric_names = ("real_loss", "convergence")
    clip_samples = True

    def __init__(self, generator=None, discriminator=None, gamma=0.5, lambda_k=0.001, eta=1, **kwargs):
        if not gamma > 0.0:
            raise ValueError(f"gamma must be positive, got {gamma}.")
        if eta not in (1, 2):
            raise ValueError(f"eta must be 1 or 2, got {eta}.")
        super().__init__(generator, discriminator, **kwargs)
        if tuple(self.discriminator.output_shape[1:]) != tuple(self.discriminator.input_shape[1:]):
            raise ValueError(
                "BEGAN's discriminator is an autoencoder: its output shape "
                f"{self.discriminator.output_shape[1:]} must equal its input shape "
                f"{self.discriminator.input_shape[1:]}."
            )
        self.gamma = float(gamma)
        self.lambda_k = float(lambda_k)
        self.eta = int(eta)
        self.k = self.add_weight(
            shape=(), initializer="zeros", trainable=False, aggregation="only_first_replica", name="k"
        )

    def default_networks(self, data_shape, latent_dim):
        return began_generator(data_shape, latent_dim), began_discriminator(data_shape, latent_dim)

    def default_optimizers(self):
        return keras.optimizers.Adam(1e-4), keras.optimizers.Adam(1e-4)

    def autoencoder_loss(self, images):
        """Per-example L(v) = mean over pixels of |v - D(v)|^eta."""
        error = ops.abs(images - self.discriminator(images, training=True))
        if self.eta == 2:
            error = ops.square(error)
        return ops.mean(error, axis=tuple(range(1, len(error.shape))))

    def train_step(self, data):
        real, _ = self.unpack(data)
        local_batch = backend.batch_size(real)
        z_d = self.replica_latents(local_batch)
        z_g = self.replica_latents(local_batch)

        def losses():
            real_loss = self.autoencoder_loss(real)
            fake_loss_d = self.autoencoder_loss(self.fake_samples(z_d))
            fake_loss_g = self.autoencoder_loss(self.fake_samples(z_g))
            d_loss = real_loss - self.k * fake_loss_d
            objectives = (backend.global_batch_mean(d_loss), backend.global_batch_mean(fake_loss_g))
            return objectives, {"d_loss": d_loss, "g_loss": fake_loss_g, "real_loss": real_loss}

        # Both gradients come from the same step's losses before either update.
        logged = self.minimize_together(losses, ("d_optimizer", "g_optimizer"))
        mean_real_loss = backend.global_mean(logged["real_loss"])
        balance = self.gamma * mean_real_loss - backend.global_mean(logged["g_loss"])
        self.k.assign(ops.clip(self.k + self.lambda_k * balance, 0.0, 1.0))
        logged["convergence"] = mean_real_loss + ops.abs(balance)
        self.update_generator_average()
        self.update_trackers(logged)
        logs = self.logs()
        logs["k"] = ops.copy(self.k)  # the controller's current state, not an average
        return logs

    def get_config(self):
        config = super().get_config()
        config.update(gamma=self.gamma, lambda_k=self.lambda_k, eta=self.eta)
        return config
