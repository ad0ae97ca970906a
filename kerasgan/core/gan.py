"""A generator and a discriminator: conditions, sampling, the discriminator's one call path."""

import keras
import numpy as np

from kerasgan import backend
from kerasgan.architectures import default_networks
from kerasgan.core import ema
from kerasgan.core import inputs
from kerasgan.core.players import AdversarialModel
from kerasgan.data.validation import check_training_data
from kerasgan.data.validation import is_batched_dataset
from kerasgan.sampling import latents

def run_in_batches(network, batch_inputs, count, batch_size):
    """`network(batch_inputs(start, stop), training=False)` over rows [0, count), joined as one float32 numpy array."""
    return np.concatenate(
        [
            keras.ops.convert_to_numpy(keras.ops.cast(network(batch_inputs(start, start + batch_size), training=False), "float32"))
            for start in range(0, count, batch_size)
        ]
    )


def translate_images(network, images, batch_size, what):
    """An image-to-image `network`'s outputs for `images` (NHWC in [-1, 1], checked first), as numpy."""
    images = np.asarray(images, dtype="float32")
    check_training_data(images, None, tuple(network.input_shape[1:]), what=what)
    return run_in_batches(network, lambda start, stop: images[start:stop], len(images), batch_size)


@keras.saving.register_keras_serializable(package="kerasgan")
class GAN(AdversarialModel):
    """A generator and a discriminator, each with its optimizer, trained by `fit`.

    This class holds the networks and everything around the algorithm;
    `kerasgan.core.AlternatingGAN` adds Algorithm 1 of Goodfellow et al.
    2014, and variants with their own algorithm (BEGAN) write `train_step`
    on this class directly.

    - Networks: the user's own `keras.Model`s, passed positionally or by
      keyword, or the paper's, built for `data_shape`. The generator takes
      noise [batch, latent_dim], `[z, labels]`, or an image (see
      `kerasgan.core.inputs`); the discriminator takes x or `[x, condition]`.
    - `fit` takes real data in [-1, 1] (NHWC images, or [batch, D] vectors):
      `x`, `(x, labels)` for conditional networks, `(input_image,
      target_image)` for a generator that translates images. Bad data is
      refused with a message naming the problem.
    - Every loss is a global-batch mean, and noise is drawn for the global
      batch and split among replicas, so training under a `tf.distribute`
      strategy computes what one device computes.
    - `discriminate(x, condition)` is the one path to the discriminator, so
      penalties and instance noise work with conditions too.
    - With `ema_decay`, an exponential moving average of the generator's
      weights is updated after every step and is what `generate`, `translate`,
      `call` and `predict` use.

    Args:
        generator: `keras.Model` from noise (or noise and labels, or an image)
            to data, or None.
        discriminator: `keras.Model` from data (or `[data, condition]`) to
            scores, or None.
        latent_dim: size of z. Inferred from `generator` when given; an
            explicit value that disagrees with it is an error.
        data_shape: shape of one real example, used only to build default
            networks: (H, W, C) for images, (D,) for vectors.
        num_classes: number of classes of a conditional model (labels in
            [0, num_classes)); `generate` draws labels uniformly from them.
        seed: seed of the model's noise (training, and `generate` without a
            seed).
        ema_decay: None (sample from the trained generator), or a decay in
            [0, 1): after every step, `ema_generator`'s trainable weights
            move to decay * average + (1 - decay) * weights, and its
            non-trainable ones (BatchNorm statistics) are copied. The time
            constant is 1 / (1 - decay) steps.
    """

    optimizer_roles = {"d_optimizer": ("discriminator",), "g_optimizer": ("generator",)}
    serialized_arguments = ("generator", "discriminator")
    default_latent_dim = 100
    # What z is drawn from: "normal" (N(0, I)) or "uniform" (U[-1, 1]; `kerasgan.sampling.latents`).
    latent_distribution = "normal"
    default_data_shape = (28, 28, 1)
    # Names of per-step values logged besides the two losses.
    extra_metric_names = ()
    # Whether `generate` clips samples to [-1, 1] (for linear generator outputs).
    clip_samples = False
    # Real minibatches one `train_step` splits its batch into (AlternatingGAN's n_critic).
    real_batches_per_step = 1

    def __init__(
        self,
        generator=None,
        discriminator=None,
        latent_dim=None,
        data_shape=None,
        num_classes=None,
        seed=None,
        ema_decay=None,
        **kwargs,
    ):
        super().__init__(seed=seed, **kwargs)
        if (generator is None) != (discriminator is None):
            raise ValueError(
                "Pass both `generator` and `discriminator`, or neither to "
                "build the paper's default networks."
            )
        if generator is None:
            latent_dim = latent_dim or self.default_latent_dim
            data_shape = tuple(data_shape or self.default_data_shape)
            generator, discriminator = self.default_networks(data_shape, latent_dim)
        for role, network in (("generator", generator), ("discriminator", discriminator)):
            if not isinstance(network, keras.Model):
                raise TypeError(f"`{role}` must be a keras.Model, got {type(network).__name__}.")
        inputs.check_networks_fit_together(generator, discriminator)
        self.generator = generator
        self.discriminator = discriminator
        self.generator_kind = inputs.generator_input_kind(generator)
        self.latent_dim = inputs.checked_latent_dim(generator, latent_dim)
        self.discriminator_takes_condition = inputs.takes_condition(discriminator)
        self.layout = inputs.batch_layout(self.generator_kind, self.discriminator_takes_condition)
        if num_classes is not None and int(num_classes) < 2:
            raise ValueError(f"num_classes must be at least 2, got {num_classes}.")
        self.num_classes = None if num_classes is None else int(num_classes)
        self.ema_decay = ema.checked_decay(ema_decay)
        if self.ema_decay is not None:
            self.ema_generator = ema.frozen_copy(generator)
        self.track(("d_loss", "g_loss") + tuple(self.extra_metric_names))

    def default_networks(self, data_shape, latent_dim):
        """Returns the paper's (generator, discriminator) for `data_shape`.

        Here DCGAN's convolutional networks for images and MLPs for vectors;
        variants with other networks override this.
        """
        return default_networks(data_shape, latent_dim)

    def default_optimizers(self):
        """Returns the paper's (d_optimizer, g_optimizer): here DCGAN's Adam(2e-4, beta_1=0.5)."""
        return keras.optimizers.Adam(2e-4, beta_1=0.5), keras.optimizers.Adam(2e-4, beta_1=0.5)

    # ------------------------------------------------------------------
    # Data.
    def fit(self, x=None, y=None, *args, **kwargs):
        """`keras.Model.fit`, after checking that `x` (and `y`) hold valid real data."""
        self.check_training_data(x, y, batch_size=kwargs.get("batch_size", args[0] if args else None))
        if is_batched_dataset(x):
            kwargs.setdefault("shuffle", False)  # a dataset shuffles itself
        return super().fit(x, y, *args, **kwargs)

    def check_training_data(self, x, y=None, batch_size=None):
        """Raises with a message naming the problem if `fit` cannot train on `x` (and `y`), cut
        into batches of `batch_size` when they are arrays."""
        example_shape = tuple(self.generator.output_shape[1:])
        check_training_data(
            x,
            y,
            example_shape,
            layout=self.layout,
            condition_shape=tuple(self.generator.input_shape[1:]) if self.layout == inputs.PAIRED else None,
            num_classes=self.num_classes,
            batch_multiple=self.real_batches_per_step,
            array_batch_size=batch_size,
        )

    def unpack(self, data):
        """(real samples, condition or None) of a `train_step` batch."""
        real, condition = inputs.unpack_batch(data, self.layout)
        return backend.all_finite_or_raise(real, "A real training batch holds NaN or infinite values."), condition

    # ------------------------------------------------------------------
    # The networks' inputs.
    def sample_latents(self, num_samples, seed=None):
        """Latent vectors of `latent_distribution`, shape [num_samples, latent_dim]."""
        return latents(num_samples, self.latent_dim, self.seed_generator if seed is None else seed,
                       distribution=self.latent_distribution)

    def truncated_latents(self, num_samples, truncation=None, seed=None):
        """Latents whose components above `truncation` in magnitude are redrawn until none is
        (`kerasgan.sampling.latents`); None leaves z as drawn."""
        return latents(num_samples, self.latent_dim, self.seed_generator if seed is None else seed, truncation,
                       self.latent_distribution)

    def replica_latents(self, local_batch):
        """Noise for this replica's rows of the global batch."""
        return backend.replica_rows(self.sample_latents, local_batch)

    def generator_inputs(self, local_batch, condition=None):
        """What the generator takes for this replica's batch: z, [z, condition] or the input image."""
        if self.generator_kind == inputs.IMAGE:
            return condition
        z = self.replica_latents(local_batch)
        return z if self.generator_kind == inputs.NOISE else [z, condition]

    def fake_samples(self, generator_inputs):
        """The generator's samples in training mode, as float32: under a mixed-precision policy
        the generator computes in float16 or bfloat16, and its fakes meet float32 real data
        (gradient-penalty interpolates, losses) in full precision."""
        return keras.ops.cast(self.generator(generator_inputs, training=True), "float32")

    def discriminate(self, samples, condition=None, training=True, network=None):
        """The discriminator's scores of `samples`, with their condition if it takes one; or the
        outputs of `network`, a model on the discriminator's inputs (its feature layer)."""
        network = self.discriminator if network is None else network
        if self.discriminator_takes_condition:
            return network([samples, condition], training=training)
        return network(samples, training=training)

    # ------------------------------------------------------------------
    # Sampling.
    @property
    def sampling_generator(self):
        """The network used by `generate` and `call`: the moving average when there is one."""
        return self.generator if self.ema_decay is None else self.ema_generator

    def call(self, generator_inputs, training=False):
        """Runs the sampling generator on its inputs (z, [z, labels] or images)."""
        return self.sampling_generator(generator_inputs, training=training)

    def generate(self, num_samples, labels=None, seed=None, batch_size=256, truncation=None):
        """Returns `num_samples` samples (numpy, in [-1, 1] for images).

        With an integer `seed` the same noise (and labels), and so the same
        samples, come back every time; without one the model's seed generator
        advances. A conditional model samples the given `labels` (one class id
        per sample, or one for all), else labels drawn uniformly from
        `num_classes`. `truncation=t` redraws every latent component larger
        than t in magnitude (see `truncated_latents`). Variants whose
        generator output is linear (BEGAN, ProGAN, as in their papers) clip
        the samples to [-1, 1], as the papers' code does when writing images.
        """
        if self.generator_kind == inputs.IMAGE:
            raise ValueError("This generator translates images: call translate(images).")
        num_samples = inputs.checked_sample_count(num_samples)
        z = self.truncated_latents(num_samples, truncation, seed=seed)
        if self.generator_kind == inputs.NOISE:
            if labels is not None:
                raise ValueError("This generator is unconditional; it takes no labels.")
            return self._in_batches(lambda start, stop: z[start:stop], num_samples, batch_size)
        labels = self._sampling_labels(num_samples, labels, seed)
        return self._in_batches(lambda start, stop: [z[start:stop], labels[start:stop]], num_samples, batch_size)

    def translate(self, images, batch_size=256):
        """The generator's translations of `images` (in [-1, 1], NHWC), as numpy."""
        if self.generator_kind != inputs.IMAGE:
            raise ValueError("This generator samples from noise: call generate(num_samples).")
        samples = translate_images(self.sampling_generator, images, batch_size, what="images to translate")
        return np.clip(samples, -1.0, 1.0) if self.clip_samples else samples

    def _in_batches(self, batch_inputs, count, batch_size):
        samples = run_in_batches(self.sampling_generator, batch_inputs, count, batch_size)
        return np.clip(samples, -1.0, 1.0) if self.clip_samples else samples

    def _sampling_labels(self, num_samples, labels, seed):
        if labels is None:
            if self.num_classes is None:
                raise ValueError("Pass labels to generate, or num_classes to the model to draw them uniformly.")
            return keras.random.randint(
                (num_samples,), 0, self.num_classes, seed=self.seed_generator if seed is None else seed + 1
            )
        return keras.ops.convert_to_tensor(inputs.checked_class_labels(labels, num_samples, self.num_classes))

    # ------------------------------------------------------------------
    # The generator's moving average.
    def update_generator_average(self):
        """Moves `ema_generator` towards the generator once per global step (no-op without `ema_decay`)."""
        if self.ema_decay is not None:
            backend.run_once_across_replicas(
                lambda: ema.move_average(self.ema_generator, self.generator, self.ema_decay)
            )

    def get_config(self):
        config = super().get_config()
        config.update(
            generator=keras.saving.serialize_keras_object(self.generator),
            discriminator=keras.saving.serialize_keras_object(self.discriminator),
            latent_dim=self.latent_dim,
            num_classes=self.num_classes,
            ema_decay=self.ema_decay,
        )
        return config
