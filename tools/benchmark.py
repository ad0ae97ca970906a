"""Train-step throughput of kerasgan's DCGAN and WGAN-GP against the keras.io way, in one run.

    python tools/benchmark.py                      # docs/guides/benchmarks.md's table (about 15 min on 2 cores)
    python tools/benchmark.py --models dcgan --sizes 28 --repeats 1

For each model and image size it times, on TensorFlow, minibatch 64:
- "keras.io": a `train_step` written as the keras.io examples write it
  (DCGAN: one discriminator call on the concatenated fake and real batch,
  then the generator on fresh noise; WGAN-GP: 5 critic updates on the same
  real batch with a nested-tape gradient penalty, then the generator),
  `tf.function` without XLA, with the same networks and optimizers as the
  library's defaults;
- "kerasgan defaults": `kerasgan.DCGAN()` / `kerasgan.WGANGP()` with
  `compile()` and nothing else (each model's `jit_compile` default);
- "kerasgan tf.function" and "kerasgan XLA": the same with `jit_compile`
  False and True;
- "kerasgan defaults, 2 replicas": the defaults under `MirroredStrategy`
  over two logical CPU devices (the same global batch), for the 1-vs-2
  device scaling.
With `--profile` it first times the phases of one DCGAN step as separate
`tf.function`s on the default networks (the generator's forward pass, the
discriminator's update, the generator's update, the two optimizers' apply
alone), to show where a step's time goes. Throughput is real images per second through the discriminator's updates
(minibatch x critic updates per generator step, x steps / s). Each
configuration is a fresh instance timed after a warm-up; configurations
alternate, and the best of `--repeats` rounds is printed with its ratio to
the keras.io baseline of the same run (shared CPUs vary from run to run).
"""

import argparse
import os
import platform
import time

import numpy as np
import tensorflow as tf

# Two logical CPU devices for the scaling row; set before TensorFlow starts.
_cpu = tf.config.list_physical_devices("CPU")[0]
tf.config.set_logical_device_configuration(_cpu, [tf.config.LogicalDeviceConfiguration()] * 2)

import keras  # noqa: E402
from keras import ops  # noqa: E402

import kerasgan  # noqa: E402

BATCH = 64
STEPS = {"dcgan": 40, "wgan_gp": 10}  # generator steps per timing
MODELS = {"dcgan": kerasgan.DCGAN, "wgan_gp": kerasgan.WGANGP}


class KerasIoDCGAN(keras.Model):
    """The keras.io DCGAN train step (without its label noise, which costs nothing)."""

    def __init__(self, generator, discriminator, d_optimizer, g_optimizer):
        super().__init__()
        self.generator, self.discriminator = generator, discriminator
        self.d_optimizer, self.g_optimizer = d_optimizer, g_optimizer
        self.latent_dim = generator.input_shape[-1]
        self.seed_generator = keras.random.SeedGenerator(0)
        self.loss_fn = keras.losses.BinaryCrossentropy(from_logits=True)
        self.d_loss_tracker, self.g_loss_tracker = keras.metrics.Mean(name="d_loss"), keras.metrics.Mean(name="g_loss")

    @property
    def metrics(self):
        return [self.d_loss_tracker, self.g_loss_tracker]

    def train_step(self, real_images):
        batch_size = ops.shape(real_images)[0]
        z = keras.random.normal((batch_size, self.latent_dim), seed=self.seed_generator)
        combined = ops.concatenate([self.generator(z, training=True), real_images], axis=0)
        labels = ops.concatenate([ops.zeros((batch_size, 1)), ops.ones((batch_size, 1))], axis=0)
        with tf.GradientTape() as tape:
            d_loss = self.loss_fn(labels, self.discriminator(combined, training=True))
        gradients = tape.gradient(d_loss, self.discriminator.trainable_weights)
        self.d_optimizer.apply_gradients(zip(gradients, self.discriminator.trainable_weights))
        z = keras.random.normal((batch_size, self.latent_dim), seed=self.seed_generator)
        with tf.GradientTape() as tape:
            scores = self.discriminator(self.generator(z, training=True), training=True)
            g_loss = self.loss_fn(ops.ones((batch_size, 1)), scores)
        gradients = tape.gradient(g_loss, self.generator.trainable_weights)
        self.g_optimizer.apply_gradients(zip(gradients, self.generator.trainable_weights))
        self.d_loss_tracker.update_state(d_loss)
        self.g_loss_tracker.update_state(g_loss)
        return {"d_loss": self.d_loss_tracker.result(), "g_loss": self.g_loss_tracker.result()}


class KerasIoWGANGP(KerasIoDCGAN):
    """The keras.io WGAN-GP train step: d_steps critic updates on one real batch, then the generator."""

    d_steps, gp_weight = 5, 10.0

    def gradient_penalty(self, real_images, fake_images):
        alpha = keras.random.uniform((ops.shape(real_images)[0], 1, 1, 1), seed=self.seed_generator)
        interpolated = real_images + alpha * (fake_images - real_images)
        with tf.GradientTape() as tape:
            tape.watch(interpolated)
            scores = self.discriminator(interpolated, training=True)
        gradients = tape.gradient(scores, [interpolated])[0]
        norm = ops.sqrt(ops.sum(ops.square(gradients), axis=[1, 2, 3]))
        return ops.mean((norm - 1.0) ** 2)

    def train_step(self, real_images):
        batch_size = ops.shape(real_images)[0]
        for _ in range(self.d_steps):
            z = keras.random.normal((batch_size, self.latent_dim), seed=self.seed_generator)
            with tf.GradientTape() as tape:
                fake_images = self.generator(z, training=True)
                fake_scores = self.discriminator(fake_images, training=True)
                real_scores = self.discriminator(real_images, training=True)
                d_loss = ops.mean(fake_scores) - ops.mean(real_scores)
                d_loss = d_loss + self.gp_weight * self.gradient_penalty(real_images, fake_images)
            gradients = tape.gradient(d_loss, self.discriminator.trainable_weights)
            self.d_optimizer.apply_gradients(zip(gradients, self.discriminator.trainable_weights))
        z = keras.random.normal((batch_size, self.latent_dim), seed=self.seed_generator)
        with tf.GradientTape() as tape:
            g_loss = -ops.mean(self.discriminator(self.generator(z, training=True), training=True))
        gradients = tape.gradient(g_loss, self.generator.trainable_weights)
        self.g_optimizer.apply_gradients(zip(gradients, self.generator.trainable_weights))
        self.d_loss_tracker.update_state(d_loss)
        self.g_loss_tracker.update_state(g_loss)
        return {"d_loss": self.d_loss_tracker.result(), "g_loss": self.g_loss_tracker.result()}


BASELINES = {"dcgan": KerasIoDCGAN, "wgan_gp": KerasIoWGANGP}


def build(model_name, size, mode):
    """A fresh compiled model of `mode` for `size`x`size`x1 images, and the batch its `fit` takes."""
    keras.utils.set_random_seed(0)
    gan = MODELS[model_name](data_shape=(size, size, 1), seed=0)
    if mode == "keras.io":
        d_optimizer, g_optimizer = gan.default_optimizers()
        baseline = BASELINES[model_name](gan.generator, gan.discriminator, d_optimizer, g_optimizer)
        baseline.compile(jit_compile=False)
        return baseline, BATCH
    if mode == "kerasgan defaults, 2 replicas":
        with kerasgan.distribute.scope("mirrored"):
            gan = MODELS[model_name](data_shape=(size, size, 1), seed=0)
            gan.compile()
    else:
        gan.compile(**{"kerasgan defaults": {}, "kerasgan tf.function": {"jit_compile": False},
                       "kerasgan XLA": {"jit_compile": True}}[mode])
    return gan, BATCH * gan.n_critic  # a step consumes one real minibatch per critic update


def images_per_second(model_name, size, mode, steps):
    model, batch = build(model_name, size, mode)
    images = np.random.default_rng(0).uniform(-1, 1, (batch * steps, size, size, 1)).astype("float32")
    model.fit(images[: batch * 2], batch_size=batch, epochs=1, shuffle=False, verbose=0)  # trace and compile
    started = time.perf_counter()
    model.fit(images, batch_size=batch, epochs=1, shuffle=False, verbose=0)
    critic_updates = getattr(model, "n_critic", getattr(model, "d_steps", 1))
    return steps * BATCH * critic_updates / (time.perf_counter() - started)


MODES = ("keras.io", "kerasgan defaults", "kerasgan tf.function", "kerasgan XLA", "kerasgan defaults, 2 replicas")


def profile_dcgan_step(size, repeats=5, calls=20):
    """Milliseconds of each phase of a DCGAN step (best of `repeats` rounds of `calls` calls)."""
    keras.utils.set_random_seed(0)
    gan = kerasgan.DCGAN(data_shape=(size, size, 1), seed=0)
    gan.compile()
    real = keras.random.uniform((BATCH, size, size, 1), -1, 1, seed=0)
    loss = keras.losses.BinaryCrossentropy(from_logits=True)

    def noise():
        return keras.random.normal((BATCH, gan.latent_dim))

    @tf.function
    def generator_forward():
        return gan.generator(noise(), training=True)

    @tf.function
    def discriminator_update():
        fake = gan.generator(noise(), training=True)
        with tf.GradientTape() as tape:
            real_scores, fake_scores = gan.discriminator(real, training=True), gan.discriminator(fake, training=True)
            value = loss(ops.ones_like(real_scores), real_scores) + loss(ops.zeros_like(fake_scores), fake_scores)
        variables = gan.discriminator.trainable_variables
        gan.d_optimizer.apply_gradients(zip(tape.gradient(value, variables), variables))
        return value

    @tf.function
    def generator_update():
        with tf.GradientTape() as tape:
            scores = gan.discriminator(gan.generator(noise(), training=True), training=True)
            value = loss(ops.ones_like(scores), scores)
        variables = gan.generator.trainable_variables
        gan.g_optimizer.apply_gradients(zip(tape.gradient(value, variables), variables))
        return value

    @tf.function
    def optimizers_apply_only():
        for optimizer, network in ((gan.d_optimizer, gan.discriminator), (gan.g_optimizer, gan.generator)):
            variables = network.trainable_variables
            optimizer.apply_gradients(zip([tf.zeros_like(variable) for variable in variables], variables))
        return 0

    phases = {"generator forward": generator_forward, "discriminator update": discriminator_update,
              "generator update": generator_update, "both optimizers' apply alone": optimizers_apply_only}
    best = {}
    for name, phase in phases.items():
        phase()
    for _ in range(repeats):
        for name, phase in phases.items():
            started = time.perf_counter()
            for _ in range(calls):
                phase()
            best[name] = min(best.get(name, float("inf")), (time.perf_counter() - started) / calls * 1000)
    return best


def processor_name():
    try:
        with open("/proc/cpuinfo") as info:
            return next(line.split(":", 1)[1].strip() for line in info if line.startswith("model name"))
    except (OSError, StopIteration):
        return platform.processor() or platform.machine()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--models", nargs="+", default=sorted(MODELS), choices=sorted(MODELS))
    parser.add_argument("--sizes", nargs="+", type=int, default=[28, 64])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--modes", nargs="+", default=list(MODES), choices=MODES)
    parser.add_argument("--profile", action="store_true", help="first time the phases of one DCGAN step")
    args = parser.parse_args()
    print(f"{processor_name()}, {os.cpu_count()} CPUs, TensorFlow {tf.__version__}, "
          f"Keras {keras.__version__}; minibatch {BATCH}; best of {args.repeats}, configurations alternating")
    if args.profile:
        for size in args.sizes:
            phases = profile_dcgan_step(size)
            print(f"DCGAN {size}x{size} step phases (ms): "
                  + ", ".join(f"{name} {milliseconds:.1f}" for name, milliseconds in phases.items()), flush=True)
    for model_name in args.models:
        for size in args.sizes:
            best = {}
            for _ in range(args.repeats):
                for mode in args.modes:
                    rate = images_per_second(model_name, size, mode, STEPS[model_name])
                    best[mode] = max(best.get(mode, 0.0), rate)
            reference = best.get("keras.io")
            for mode in args.modes:
                ratio = f"  x{best[mode] / reference:.2f}" if reference else ""
                print(f"{model_name} {size}x{size}  {mode:<30} {best[mode]:8.1f} images/s{ratio}", flush=True)


if __name__ == "__main__":
    main()
