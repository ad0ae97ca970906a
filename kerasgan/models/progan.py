"""ProGAN (Karras et al. 2018, "Progressive growing of GANs for improved
quality, stability, and variation", arXiv:1710.10196)."""

import keras
from keras import ops

from kerasgan import backend
from kerasgan.architectures.progan import ProgressiveDiscriminator, ProgressiveGenerator, downsample, lerp, upsample
from kerasgan.models.wgan_gp import WGANGP

GROWING_NETWORK_API = ("set_stage", "stage", "num_stages", "alpha")


@keras.saving.register_keras_serializable(package="kerasgan")
class ProGAN(WGANGP):
    """Progressive growing of GANs, trained with WGAN-GP plus a drift term.

    Training starts at 4x4 and doubles the resolution stage by stage. During
    a stage's fade-in, alpha goes from 0 to 1 and blends the new layers into
    both networks *and* the real images: reals are average-pooled to the
    stage's resolution and blended with their 2x-coarser version, as the
    official code's `process_reals` does (keras.io's StyleGAN example fades
    only the networks). Everything is exchanged at full resolution, so `fit`
    takes full-size images at every stage and `generate` returns them.

    The paper's choices (section 4, appendix A.1): equalised learning rate,
    PixelNorm in the generator, minibatch standard deviation in groups of 4,
    the WGAN-GP loss (lambda = 10, one critic step per generator step) plus
    drift_weight * D(x)^2 on real scores only, Adam(1e-3, beta_1=0,
    beta_2=0.99) for both networks, and an exponential moving average of the
    generator's weights (decay 0.999) that `generate`, `call` and `predict`
    use.

    A Keras 3 optimizer is built on its first variable list, and each stage
    trains a different one; like the official code, which resets the
    optimizer state at every level of detail, `set_stage` gives both
    networks fresh optimizers with the same settings.

    The stage changes through `set_stage` (between `fit` calls) or, for a
    whole schedule in one `fit`, the `kerasgan.callbacks.ProgressiveGrowing`
    callback, which reads `images_seen` (a saved weight), so training
    resumes where a saved model stopped.

    Args:
        generator, discriminator: growing networks with `set_stage`, `stage`,
            `num_stages` and an `alpha` weight, such as
            `kerasgan.architectures.ProgressiveGenerator`/`ProgressiveDiscriminator`
            (the defaults, built for `data_shape`, a power-of-two square).
        stage: the stage to start at (0 is 4x4).
        drift_weight: epsilon_drift (0.001).
        ema_decay: decay of the generator's moving average (0.999).
        gp_weight: lambda of the gradient penalty (10).
        **kwargs: see `kerasgan.core.AlternatingGAN`.

    Example:
    >>> gan = kerasgan.ProGAN(data_shape=(32, 32, 1), latent_dim=128)
    >>> gan.compile()
    >>> schedule = kerasgan.callbacks.ProgressiveGrowing(fade_images=60_000, stable_images=60_000)
    >>> gan.fit(padded_mnist, epochs=10, callbacks=[schedule])
    """

    default_latent_dim = 128
    default_data_shape = (32, 32, 1)
    clip_samples = True

    def __init__(
        self,
        generator=None,
        discriminator=None,
        stage=0,
        drift_weight=0.001,
        ema_decay=0.999,
        gp_weight=10.0,
        n_critic=1,
        **kwargs,
    ):
        super().__init__(generator, discriminator, gp_weight=gp_weight, n_critic=n_critic, ema_decay=ema_decay, **kwargs)
        for role, network in (("generator", self.generator), ("discriminator", self.discriminator)):
            missing = [name for name in GROWING_NETWORK_API if not hasattr(network, name)]
            if missing:
                raise TypeError(
                    f"ProGAN's {role} must be a growing network (like "
                    f"kerasgan.architectures.Progressive{role.title()}); it lacks {missing}."
                )
        if self.generator.num_stages != self.discriminator.num_stages:
            raise ValueError(
                f"The generator has {self.generator.num_stages} stages and the "
                f"discriminator {self.discriminator.num_stages}."
            )
        self.drift_weight = float(drift_weight)
        # int32: 2^31 images is far beyond any schedule, and JAX has no int64 by default.
        self.images_seen = self.add_weight(
            shape=(), dtype="int32", initializer="zeros", trainable=False,
            aggregation="only_first_replica", name="images_seen",
        )
        self.set_stage(stage)

    def default_networks(self, data_shape, latent_dim):
        if len(data_shape) != 3 or data_shape[0] != data_shape[1]:
            raise ValueError(f"ProGAN needs square images (H, W, C), got data_shape={data_shape}.")
        resolution, channels = data_shape[0], data_shape[-1]
        return (
            ProgressiveGenerator(resolution, channels, latent_dim),
            ProgressiveDiscriminator(resolution, channels),
        )

    def default_optimizers(self):
        return (
            keras.optimizers.Adam(1e-3, beta_1=0.0, beta_2=0.99, epsilon=1e-8),
            keras.optimizers.Adam(1e-3, beta_1=0.0, beta_2=0.99, epsilon=1e-8),
        )

    # ------------------------------------------------------------------
    # Growth.
    @property
    def num_stages(self):
        return self.generator.num_stages

    @property
    def stage(self):
        return self.generator.stage

    @property
    def alpha(self):
        """The fade-in weight of the current stage's new layers (1 once faded in)."""
        return float(keras.ops.convert_to_numpy(self.generator.alpha))

    def growing_networks(self):
        """The generator, the discriminator and the generator's average, if any."""
        average = () if self.ema_decay is None else (self.ema_generator,)
        return (self.generator, self.discriminator) + average

    def set_stage(self, stage):
        """Grows (or shrinks) both networks to `stage`, with fresh optimizers."""
        for network in self.growing_networks():
            network.set_stage(stage)
        if self.compiled:
            self.renew_optimizers()
            if self.train_function is not None:  # retrace for the new stage, also mid-fit
                self.make_train_function(force=True)
            self.predict_function = None

    def set_alpha(self, alpha):
        """Sets the fade-in weight of all three networks (and of the real images)."""
        if not 0.0 <= alpha <= 1.0:
            raise ValueError(f"alpha must be in [0, 1], got {alpha}.")
        for network in self.growing_networks():
            network.alpha.assign(alpha)

    def process_reals(self, images):
        """Full-resolution reals as the current stage sees them (faded by alpha)."""
        factor = self.generator.resolution // self.generator.stage_resolution()
        images = downsample(images, factor)
        if self.stage > 0:
            images = lerp(upsample(downsample(images, 2), 2), images, self.generator.alpha)
        return upsample(images, factor)

    # ------------------------------------------------------------------
    # Training.
    def discriminator_loss(self, real_scores, fake_scores):
        drift = ops.square(ops.reshape(real_scores, (-1,)))
        return super().discriminator_loss(real_scores, fake_scores) + self.drift_weight * drift

    def train_step(self, data):
        real, _ = self.unpack(data)
        real = self.process_reals(real)
        logs = super().train_step(real)  # ends with the generator's moving average
        _, num_replicas = backend.replica_id_and_count()
        self.images_seen.assign_add(ops.cast(backend.batch_size(real) * num_replicas, "int32"))
        return logs

    def get_config(self):
        config = super().get_config()
        config.update(stage=self.stage, drift_weight=self.drift_weight)
        return config
