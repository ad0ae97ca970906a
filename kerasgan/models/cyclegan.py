"""CycleGAN (Zhu et al. 2017, "Unpaired image-to-image translation using cycle-consistent
adversarial networks", arXiv:1703.10593)."""

import keras
from keras import ops

from kerasgan import backend
from kerasgan import losses
from kerasgan.architectures.patchgan import patch_discriminator
from kerasgan.architectures.resnet import resnet_generator
from kerasgan.core import inputs
from kerasgan.core.gan import translate_images
from kerasgan.core.image_pool import ImageHistoryPool
from kerasgan.core.players import AdversarialModel
from kerasgan.data.validation import check_training_data
from kerasgan.data.validation import is_batched_dataset

DIRECTIONS = ("a2b", "b2a")


def _l1(x, y):
    """Per-example mean absolute difference of two image batches."""
    return ops.mean(ops.abs(ops.cast(x, "float32") - ops.cast(y, "float32")), axis=(1, 2, 3))


@keras.saving.register_keras_serializable(package="kerasgan")
class CycleGAN(AdversarialModel):
    """Two translators between unpaired domains A and B: `fit((a, b))`, then `translate(x, direction)`.

    G = `generator_a2b` and F = `generator_b2a`, with `discriminator_a`
    judging domain A (real a against F(b)) and `discriminator_b` judging
    domain B. As in the paper (section 4 and appendix 7.1):

    - G and F minimise the least-squares adversarial loss (D(G(a)) - 1)^2
      + (D(F(b)) - 1)^2, plus lambda * (|F(G(a)) - a|_1 + |G(F(b)) - b|_1)
      (cycle consistency, lambda = 10), plus the identity loss
      identity_weight * lambda * (|G(b) - b|_1 + |F(a) - a|_1) with
      identity_weight 0.5 (the paper's photo <-> painting setting; 0 drops
      it); one optimizer updates both, as in the reference code.
    - Each discriminator minimises ((D(real) - 1)^2 + D(fake)^2) / 2 on
      fakes drawn through a 50-image history pool (`ImageHistoryPool`),
      after the generators' update, on the fakes of that step.
    - Adam(2e-4, beta_1=0.5) for both; `kerasgan.callbacks.LinearDecay`
      gives the paper's constant rate then linear decay to zero.
    - Patch losses are the mean of per-patch losses (reference code).

    Default networks, for `data_shape` (side, side, channels) of both
    domains: the ResNet generator of `kerasgan.architectures.resnet` (6
    residual blocks up to 128x128, 9 above) and the 70x70 PatchGAN, with
    instance normalisation, at width 64. The pools are model state: saved
    with the model, and global under a distribution strategy.

    On TensorFlow at the paper's minibatch of 1, `compile(jit_compile=True)`
    trains 2.0x faster on a 2-core CPU, but at minibatch 32 0.78x
    (`tools/xla_defaults.py`), so XLA stays off by default; the facades
    recipe turns it on.

    Args:
        generator_a2b, generator_b2a, discriminator_a, discriminator_b:
            `keras.Model`s (all four, or none for the defaults).
        data_shape: image shape of the default networks.
        cycle_weight: lambda (10).
        identity_weight: the identity loss's weight relative to lambda
            (0.5); it needs both domains to have the same shape.
        pool_size: images per history pool (50; 0 for none).
        seed: seed of the pools' draws.

    Example:
    >>> gan = kerasgan.CycleGAN(data_shape=(128, 128, 3))
    >>> gan.compile()
    >>> photos, label_maps = kerasgan.data.load_facades(data_dir, "train", size=143)
    >>> gan.fit(kerasgan.data.unpaired_dataset(photos, label_maps, 1, crop_size=128), epochs=200,
    ...         callbacks=[kerasgan.callbacks.LinearDecay(total_steps=200 * len(photos))])
    >>> fake_label_maps = gan.translate(validation_photos, direction="a2b")
    """

    optimizer_roles = {
        "d_optimizer": ("discriminator_a", "discriminator_b"),
        "g_optimizer": ("generator_a2b", "generator_b2a"),
    }
    serialized_arguments = ("generator_a2b", "generator_b2a", "discriminator_a", "discriminator_b")
    default_data_shape = (128, 128, 3)

    def __init__(self, generator_a2b=None, generator_b2a=None, discriminator_a=None, discriminator_b=None,
                 data_shape=None, cycle_weight=10.0, identity_weight=0.5, pool_size=50, seed=None, **kwargs):
        super().__init__(seed=seed, **kwargs)
        networks = (generator_a2b, generator_b2a, discriminator_a, discriminator_b)
        if any(network is None for network in networks):
            if any(network is not None for network in networks):
                raise ValueError("Pass all four networks, or none to build the paper's default networks.")
            shape = tuple(data_shape or self.default_data_shape)
            networks = (resnet_generator(shape, shape[-1], name="generator_a2b"),
                        resnet_generator(shape, shape[-1], name="generator_b2a"),
                        patch_discriminator(shape, name="discriminator_a"),
                        patch_discriminator(shape, name="discriminator_b"))
        for name, network in zip(self.serialized_arguments, networks):
            if not isinstance(network, keras.Model):
                raise TypeError(f"`{name}` must be a keras.Model, got {type(network).__name__}.")
        self.generator_a2b, self.generator_b2a, self.discriminator_a, self.discriminator_b = networks
        self.shape_a = _image_shape(self.generator_a2b.input_shape, "generator_a2b's input")
        self.shape_b = _image_shape(self.generator_a2b.output_shape, "generator_a2b's output")
        reverse = (
            _image_shape(self.generator_b2a.input_shape, "generator_b2a's input"),
            _image_shape(self.generator_b2a.output_shape, "generator_b2a's output"),
        )
        if reverse != (self.shape_b, self.shape_a):
            raise ValueError(
                f"generator_b2a must map {self.shape_b} images to {self.shape_a} (the reverse of "
                f"generator_a2b), but maps {reverse[0]} to {reverse[1]}."
            )
        if cycle_weight < 0 or identity_weight < 0:
            raise ValueError(f"Loss weights must be non-negative, got cycle {cycle_weight}, identity {identity_weight}.")
        if identity_weight and self.shape_a != self.shape_b:
            raise ValueError(
                f"The identity loss needs domains of one shape, got {self.shape_a} and {self.shape_b}; "
                "pass identity_weight=0."
            )
        self.cycle_weight = float(cycle_weight)
        self.identity_weight = float(identity_weight)
        self.pool_a = ImageHistoryPool(pool_size, self.shape_a, name="pool_a")
        self.pool_b = ImageHistoryPool(pool_size, self.shape_b, name="pool_b")
        self.track(("d_loss", "g_loss", "cycle_loss", "identity_loss"))

    def default_optimizers(self):
        return keras.optimizers.Adam(2e-4, beta_1=0.5), keras.optimizers.Adam(2e-4, beta_1=0.5)

    # ------------------------------------------------------------------
    # Data.
    def fit(self, x=None, y=None, *args, **kwargs):
        """`keras.Model.fit` on unpaired `(a, b)` batches (or `x=a, y=b` arrays), after checking them."""
        check_training_data(x, y, self.shape_b, layout=inputs.PAIRED, condition_shape=self.shape_a,
                            what="domain B images")
        if is_batched_dataset(x):
            kwargs.setdefault("shuffle", False)
        return super().fit(x, y, *args, **kwargs)

    # ------------------------------------------------------------------
    # Training.
    def train_step(self, data):
        real_a, real_b = inputs.unpaired_batch(data)
        real_a = backend.all_finite_or_raise(real_a, "A domain A training batch holds NaN or infinite values.")
        real_b = backend.all_finite_or_raise(real_b, "A domain B training batch holds NaN or infinite values.")
        fake_a, fake_b = self.generator_step(real_a, real_b)
        self.discriminator_step(real_a, real_b, self.pool_a(fake_a, seed_generator=self.seed_generator),
                                self.pool_b(fake_b, seed_generator=self.seed_generator))
        return self.logs()

    def generator_step(self, real_a, real_b):
        """One update of both generators; returns this step's (F(b), G(a)) for the discriminators."""

        def loss():
            fake_b = self.generator_a2b(real_a, training=True)
            fake_a = self.generator_b2a(real_b, training=True)
            # The paper's (D(G(a)) - 1)^2: twice LSGAN's 1/2 (D - 1)^2.
            adversarial = 2.0 * (
                losses.least_squares_generator_loss(self.discriminator_b(fake_b, training=True))
                + losses.least_squares_generator_loss(self.discriminator_a(fake_a, training=True))
            )
            cycle = _l1(self.generator_b2a(fake_b, training=True), real_a) + _l1(
                self.generator_a2b(fake_a, training=True), real_b
            )
            total = adversarial + self.cycle_weight * cycle
            logged = {"g_loss": adversarial, "cycle_loss": cycle}
            if self.identity_weight:
                identity = _l1(self.generator_a2b(real_b, training=True), real_b) + _l1(
                    self.generator_b2a(real_a, training=True), real_a
                )
                total = total + self.identity_weight * self.cycle_weight * identity
                logged["identity_loss"] = identity
            return backend.global_batch_mean(total), (logged, fake_a, fake_b)

        logged, fake_a, fake_b = self.minimize("g_optimizer", loss)
        self.update_trackers(logged)
        return ops.stop_gradient(fake_a), ops.stop_gradient(fake_b)

    def discriminator_step(self, real_a, real_b, fake_a, fake_b):
        """One update of both discriminators on real images and pooled fakes."""

        def loss():
            per_example = losses.least_squares_discriminator_loss(
                self.discriminator_a(real_a, training=True), self.discriminator_a(fake_a, training=True)
            ) + losses.least_squares_discriminator_loss(
                self.discriminator_b(real_b, training=True), self.discriminator_b(fake_b, training=True)
            )
            return backend.global_batch_mean(per_example), {"d_loss": per_example}

        self.update_trackers(self.minimize("d_optimizer", loss))

    # ------------------------------------------------------------------
    # Translating.
    def translator(self, direction):
        """The generator of `direction`: "a2b" (G) or "b2a" (F)."""
        if direction not in DIRECTIONS:
            raise ValueError(f"direction must be one of {DIRECTIONS}, got {direction!r}.")
        return self.generator_a2b if direction == "a2b" else self.generator_b2a

    def call(self, images, training=False):
        """G(images): domain A to domain B."""
        return self.generator_a2b(images, training=training)

    def translate(self, images, direction="a2b", batch_size=64):
        """Translations of `images` (NHWC in [-1, 1]) from A to B ("a2b") or B to A ("b2a"), as numpy."""
        return translate_images(self.translator(direction), images, batch_size, what=f"images to translate {direction}")

    def get_config(self):
        config = super().get_config()
        config.update({name: keras.saving.serialize_keras_object(getattr(self, name)) for name in self.serialized_arguments})
        config.update(
            cycle_weight=self.cycle_weight, identity_weight=self.identity_weight, pool_size=self.pool_a.pool_size
        )
        return config


def _image_shape(shape, what):
    shape = tuple(shape[1:]) if not isinstance(shape, list) else None
    if shape is None or len(shape) != 3:
        raise ValueError(f"CycleGAN's networks map single images (H, W, C); {what} has shape {shape}.")
    return shape
