"""The base adversarial model every kerasgan variant subclasses."""

import keras
import numpy as np
import tensorflow as tf

from kerasgan import distribute
from kerasgan.architectures import default_networks
from kerasgan.data.validation import check_training_data


NOISE_STATE_KEY = "noise_seed_state"


@keras.saving.register_keras_serializable(package="kerasgan")
class GAN(keras.Model):
    """A generator and a discriminator trained by `compile()` + `fit()`.

    `train_step` is Algorithm 1 of Goodfellow et al. 2014 ("Generative
    adversarial nets"): `n_critic` discriminator updates (k in the paper),
    then one generator update on fresh noise. Variants supply the losses
    (`discriminator_loss`, `generator_loss`), an optional `penalty` on the
    discriminator, default networks and default optimizers; those with a
    different algorithm (BEGAN, ProGAN) override `train_step`.

    Contract shared by every variant:
    - `generator` maps z of shape [batch, latent_dim] to data; `discriminator`
      maps data to unbounded scores [batch, ...] (logits for the minimax
      losses). Either may be the user's own `keras.Model`; when omitted, the
      paper's networks are built for `data_shape`.
    - `fit` takes real data in [-1, 1] (NHWC images, or [batch, D] vectors).
      With `n_critic > 1` and `fresh_real_batches=True` (the papers'
      algorithms) each `train_step` consumes `n_critic` real minibatches:
      batch the dataset with `n_critic * batch_size`; critic iteration i uses
      rows i, i + n_critic, ... of it.
    - Every loss is averaged over the *global* batch, so training under a
      `tf.distribute` strategy computes what one device computes on the same
      global batch; noise is drawn for the global batch and split among
      replicas, so no two replicas share noise. Logged values are
      global-batch means.
    - Real and fake batches go through the discriminator in separate calls,
      so BatchNorm never mixes their statistics.
    - With `ema_decay`, an exponential moving average of the generator's
      weights (Karras et al. 2018, section 4; Brock et al. 2019, BigGAN's
      "EMA of weights") is updated after every step and is what `generate`,
      `call` and `predict` use.

    Args:
        generator: `keras.Model` from latent vectors to data, or None.
        discriminator: `keras.Model` from data to scores, or None.
        latent_dim: size of z. Inferred from `generator` when given; an
            explicit value that disagrees with it is an error.
        data_shape: shape of one real example, used only to build default
            networks: (H, W, C) for images, (D,) for vectors.
        n_critic: discriminator updates per generator update.
        fresh_real_batches: with `n_critic > 1`, give each discriminator
            update its own real minibatch (True) or reuse one (False).
        penalty: a `kerasgan.penalties` object added to the discriminator
            loss, or None.
        instance_noise: a `kerasgan.penalties.InstanceNoise` applied to every
            discriminator input, or None.
        seed: seed of the model's `keras.random.SeedGenerator` (noise for
            training and for `generate` without a seed).
        ema_decay: None (sample from the trained generator), or a decay in
            [0, 1): after every step, `ema_generator`'s trainable weights
            move to decay * average + (1 - decay) * weights, and its
            non-trainable ones (BatchNorm statistics) are copied, as in
            StyleGAN2's code. The time constant is 1 / (1 - decay) steps.
    """

    default_latent_dim = 100
    default_data_shape = (28, 28, 1)
    # Names of per-step values logged besides the two losses.
    extra_metric_names = ()
    # Whether `generate` clips samples to [-1, 1] (for linear generator outputs).
    clip_samples = False

    def __init__(
        self,
        generator=None,
        discriminator=None,
        latent_dim=None,
        data_shape=None,
        n_critic=1,
        fresh_real_batches=True,
        penalty=None,
        instance_noise=None,
        seed=None,
        ema_decay=None,
        **kwargs,
    ):
        super().__init__(**kwargs)
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
                raise TypeError(
                    f"`{role}` must be a keras.Model, got {type(network).__name__}."
                )
        self.generator = generator
        self.discriminator = discriminator
        self.latent_dim = _checked_latent_dim(generator, latent_dim)
        if int(n_critic) < 1:
            raise ValueError(f"n_critic must be at least 1, got {n_critic}.")
        self.n_critic = int(n_critic)
        self.fresh_real_batches = bool(fresh_real_batches)
        self.penalty = penalty
        self.instance_noise = instance_noise
        self.seed = seed
        self.seed_generator = keras.random.SeedGenerator(seed)
        self.ema_decay = _checked_ema_decay(ema_decay)
        if self.ema_decay is not None:
            self.ema_generator = _frozen_copy(generator)
        names = ("d_loss", "g_loss") + tuple(self.extra_metric_names)
        if penalty is not None:
            names += tuple(penalty.metric_names)
        self.trackers = {name: keras.metrics.Mean(name=name) for name in names}
        self.built = True

    # ------------------------------------------------------------------
    # What variants provide.
    def default_networks(self, data_shape, latent_dim):
        """Returns the paper's (generator, discriminator) for `data_shape`.

        Here DCGAN's convolutional networks for images and MLPs for vectors;
        variants with other networks override this.
        """
        return default_networks(data_shape, latent_dim)

    def default_optimizers(self):
        """Returns the paper's (d_optimizer, g_optimizer).

        Here DCGAN's Adam(2e-4, beta_1=0.5) for both; variants override this.
        """
        return (
            keras.optimizers.Adam(2e-4, beta_1=0.5),
            keras.optimizers.Adam(2e-4, beta_1=0.5),
        )

    def discriminator_loss(self, real_scores, fake_scores):
        """Per-example discriminator loss, shape [batch]."""
        raise NotImplementedError

    def generator_loss(self, fake_scores):
        """Per-example generator loss, shape [batch]."""
        raise NotImplementedError

    def discriminator_metrics(self, real_scores, fake_scores):
        """Per-example values to log for `extra_metric_names`."""
        return {}

    def after_discriminator_update(self):
        """Runs after every discriminator update (e.g. weight clipping)."""

    # ------------------------------------------------------------------
    # Keras API.
    def compile(self, d_optimizer=None, g_optimizer=None, jit_compile=False, **kwargs):
        """Configures the two optimizers; omitted ones get the paper's defaults.

        `jit_compile` defaults to False rather than Keras' "auto": XLA on CPU
        does not honour random seeds and fails under `MirroredStrategy` on
        CPU. Pass `jit_compile=True` on a single device for speed.
        """
        default_d, default_g = self.default_optimizers()
        self.d_optimizer = _maybe_loss_scaled(keras.optimizers.get(d_optimizer or default_d))
        self.g_optimizer = _maybe_loss_scaled(keras.optimizers.get(g_optimizer or default_g))
        super().compile(optimizer=None, jit_compile=jit_compile, **kwargs)
        self.build_optimizers()

    def build_optimizers(self):
        """Builds each optimizer on the variables it updates."""
        if not self.d_optimizer.built:
            self.d_optimizer.build(self.discriminator.trainable_variables)
        if not self.g_optimizer.built:
            self.g_optimizer.build(self.generator.trainable_variables)

    def get_compile_config(self):
        if not self.compiled:
            return None
        return {
            "d_optimizer": keras.optimizers.serialize(self.d_optimizer),
            "g_optimizer": keras.optimizers.serialize(self.g_optimizer),
            "jit_compile": bool(self.jit_compile),
        }

    def compile_from_config(self, config):
        self.compile(
            d_optimizer=keras.optimizers.deserialize(config["d_optimizer"]),
            g_optimizer=keras.optimizers.deserialize(config["g_optimizer"]),
            jit_compile=config.get("jit_compile", False),
        )

    @property
    def metrics(self):
        return list(self.trackers.values())

    def call(self, z, training=False):
        """Runs the sampling generator on latent vectors `z`."""
        return self.sampling_generator(z, training=training)

    @property
    def sampling_generator(self):
        """The network used by `generate` and `call`: the EMA copy when there is one."""
        return self.generator if self.ema_decay is None else self.ema_generator

    def fit(self, x=None, *args, **kwargs):
        """`keras.Model.fit`, after checking that `x` holds valid real data."""
        example_shape = self.generator.output_shape[1:]
        # Only images are bounded to [-1, 1]; toy vectors may range freely.
        check_training_data(x, example_shape, check_range=len(example_shape) == 3)
        if isinstance(x, tf.data.Dataset):
            kwargs.setdefault("shuffle", False)  # a Dataset shuffles itself
        return super().fit(x, *args, **kwargs)

    def generate(self, num_samples, seed=None, batch_size=256):
        """Returns `num_samples` samples (numpy, in [-1, 1] for images).

        With an integer `seed` the same noise, and so the same samples, come
        back every time; without one the model's seed generator advances.
        Variants whose generator output is linear (BEGAN, ProGAN, as in their
        papers) clip the samples to [-1, 1], as the papers' code does when
        writing images.
        """
        z = self.sample_latents(num_samples, seed=seed)
        samples = np.concatenate(
            [
                keras.ops.convert_to_numpy(
                    self.sampling_generator(z[start : start + batch_size], training=False)
                )
                for start in range(0, num_samples, batch_size)
            ]
        )
        return np.clip(samples, -1.0, 1.0) if self.clip_samples else samples

    def sample_latents(self, num_samples, seed=None):
        """Standard normal latent vectors, shape [num_samples, latent_dim]."""
        return keras.random.normal(
            (num_samples, self.latent_dim),
            seed=self.seed_generator if seed is None else seed,
        )

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "generator": keras.saving.serialize_keras_object(self.generator),
                "discriminator": keras.saving.serialize_keras_object(self.discriminator),
                "latent_dim": self.latent_dim,
                "n_critic": self.n_critic,
                "fresh_real_batches": self.fresh_real_batches,
                "penalty": keras.saving.serialize_keras_object(self.penalty),
                "instance_noise": keras.saving.serialize_keras_object(self.instance_noise),
                "seed": self.seed,
                "ema_decay": self.ema_decay,
            }
        )
        return config

    def save_own_variables(self, store):
        """Saves the model's own weights plus the noise state, so training resumes exactly."""
        super().save_own_variables(store)
        store[NOISE_STATE_KEY] = self.seed_generator.state

    def load_own_variables(self, store):
        own = {key: store[key] for key in store.keys() if key != NOISE_STATE_KEY}
        super().load_own_variables(own)
        if NOISE_STATE_KEY in store.keys():
            self.seed_generator.state.assign(store[NOISE_STATE_KEY])

    @classmethod
    def from_config(cls, config):
        config = dict(config)
        for key in ("generator", "discriminator", "penalty", "instance_noise"):
            if key in config:  # variants may define some of them by their own arguments
                config[key] = keras.saving.deserialize_keras_object(config[key])
        return cls(**config)

    # ------------------------------------------------------------------
    # Training.
    def train_step(self, data):
        real = real_batch(data)
        for real_chunk in self.critic_batches(real):
            self.discriminator_step(real_chunk)
        self.generator_step(tf.shape(real_chunk)[0])
        self.update_generator_average()
        return {name: tracker.result() for name, tracker in self.trackers.items()}

    def critic_batches(self, real):
        """The real minibatch of each of the `n_critic` discriminator updates."""
        if self.n_critic == 1 or not self.fresh_real_batches:
            return [real] * self.n_critic
        # Strided rows keep N replicas equivalent to one device: replica r's
        # slice i holds exactly the global rows congruent to i mod n_critic.
        return [real[i :: self.n_critic] for i in range(self.n_critic)]

    def replica_latents(self, local_batch):
        """Noise for this replica's rows of the global batch."""
        return distribute.replica_rows(self.sample_latents, local_batch)

    def discriminator_inputs(self, samples):
        """Samples as the discriminator sees them (with instance noise, if any)."""
        if self.instance_noise is None:
            return samples
        return self.instance_noise(samples, self.g_optimizer.iterations, self.seed_generator)

    def discriminator_step(self, real):
        fake = self.generator(self.replica_latents(tf.shape(real)[0]), training=True)
        real, fake = self.discriminator_inputs(real), self.discriminator_inputs(fake)
        with tf.GradientTape() as tape:
            real_scores = self.discriminator(real, training=True)
            fake_scores = self.discriminator(fake, training=True)
            per_example = self.discriminator_loss(real_scores, fake_scores)
            logged = dict(self.discriminator_metrics(real_scores, fake_scores))
            if self.penalty is not None:
                penalty, penalty_logs = self.penalty(
                    self.discriminator, real, fake, self.seed_generator
                )
                per_example = per_example + penalty
                logged.update(penalty_logs)
            loss = distribute.global_batch_mean(per_example)
        self.apply_gradients(tape, loss, self.discriminator, self.d_optimizer)
        self.after_discriminator_update()
        logged["d_loss"] = per_example
        self.update_trackers(logged)

    def generator_step(self, local_batch):
        z = self.replica_latents(local_batch)
        with tf.GradientTape() as tape:
            fake = self.discriminator_inputs(self.generator(z, training=True))
            fake_scores = self.discriminator(fake, training=True)
            per_example = self.generator_loss(fake_scores)
            loss = distribute.global_batch_mean(per_example)
        self.apply_gradients(tape, loss, self.generator, self.g_optimizer)
        self.update_trackers({"g_loss": per_example})

    def update_generator_average(self):
        """Moves `ema_generator` towards the generator (no-op without `ema_decay`).

        Called at the end of every `train_step`, in replica context; the
        update runs once, in cross-replica context, where every replica
        holds the same weights.
        """
        if self.ema_decay is not None:
            tf.distribute.get_replica_context().merge_call(lambda _: self._assign_generator_average())

    def _assign_generator_average(self):
        trainable = {id(weight) for weight in self.generator.trainable_weights}
        for average, current in zip(self.ema_generator.weights, self.generator.weights):
            if id(current) in trainable:
                average.assign(current + self.ema_decay * (average - current))
            else:
                average.assign(current)

    @staticmethod
    def apply_gradients(tape, loss, network, optimizer):
        """Backpropagates `loss` (scaled under mixed precision) into `network`."""
        variables = network.trainable_variables
        gradients = tape.gradient(optimizer.scale_loss(loss), variables)
        optimizer.apply(gradients, variables)

    def update_trackers(self, per_example_values):
        """Adds this replica's mean of each value to its Mean tracker."""
        for name, values in per_example_values.items():
            self.trackers[name].update_state(distribute.local_mean(values))


def real_batch(data):
    """The real examples of a `train_step` batch, as float32 (labels ignored)."""
    x, _, _ = keras.utils.unpack_x_y_sample_weight(data)
    return tf.cast(x, tf.float32)


def _checked_latent_dim(generator, latent_dim):
    input_shape = generator.input_shape
    if isinstance(input_shape, list) or len(input_shape) != 2:
        raise ValueError(
            "The generator must take one input of shape [batch, latent_dim], "
            f"got input shape {input_shape}."
        )
    generator_dim = input_shape[-1]
    if latent_dim is not None and generator_dim is not None and int(latent_dim) != generator_dim:
        raise ValueError(
            f"latent_dim={latent_dim} does not match the generator, which "
            f"takes latent vectors of size {generator_dim}."
        )
    resolved = latent_dim if generator_dim is None else generator_dim
    if resolved is None:
        raise ValueError("Cannot infer latent_dim from the generator; pass latent_dim.")
    return int(resolved)


def _checked_ema_decay(ema_decay):
    if ema_decay is None:
        return None
    if not 0.0 <= ema_decay < 1.0:
        raise ValueError(f"ema_decay must be None or in [0, 1), got {ema_decay}.")
    return float(ema_decay)


def _frozen_copy(generator):
    """A non-trainable copy of `generator` with its current weights."""
    try:
        copy = generator.__class__.from_config(generator.get_config())
    except (NotImplementedError, TypeError) as error:
        raise ValueError(
            "ema_decay needs a generator that can be rebuilt from its config "
            f"(get_config/from_config); {type(generator).__name__} cannot: {error}"
        ) from error
    copy.set_weights(generator.get_weights())
    copy.trainable = False
    return copy


def _maybe_loss_scaled(optimizer):
    """Wraps `optimizer` for loss scaling under the mixed_float16 policy."""
    if keras.config.dtype_policy().name == "mixed_float16" and not isinstance(
        optimizer, keras.optimizers.LossScaleOptimizer
    ):
        return keras.optimizers.LossScaleOptimizer(optimizer)
    return optimizer
