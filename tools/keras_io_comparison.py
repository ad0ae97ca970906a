"""The keras.io Conditional GAN's networks in the example's own loop and in `kerasgan.ConditionalGAN`.

Trains the example's two networks (latent 128, Adam(3e-4) for both, batch 64, MNIST in [0, 1])
in one of two loops, with one of two kinds of label maps, and prints one JSON line per
evaluation: class agreement of the project's MNIST classifier and FID on its features against
the validation split.

- `--loop keras_io`: the example's train_step, restated (`KerasIOConditionalGAN`): one
  discriminator call on fakes and reals joined, fakes labelled 1, binary cross-entropy
  averaged over both; a `tf.data` pipeline of one-hot labels shuffled in a 1,024 buffer.
- `--loop kerasgan`: `kerasgan.ConditionalGAN` on the same networks behind the wrappers of
  docs/guides/keras_io_networks.md, fitted on numpy arrays.
- `--maps keras_io`: the example's label maps (a band of rows per class, see the guide);
  `--maps one_hot`: one constant plane per class.

    python tools/keras_io_comparison.py --loop kerasgan --maps keras_io --seed 0 --steps 2500 \
        --data-dir ../shared/data/mnist

TensorFlow only (the example's step uses `tf.GradientTape`).
"""

import argparse
import json
import os
import re
import time

import keras
import numpy as np
from keras import layers
from keras import ops

GUIDE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "docs", "guides", "keras_io_networks.md")
LATENT_DIM, NUM_CLASSES, IMAGE_SHAPE = 128, 10, (28, 28, 1)


def guide_wrappers():
    """The names the guide's first Python block defines: its wrappers, run as printed."""
    with open(GUIDE, encoding="utf-8") as file:
        code = re.search(r"```python\n(.*?)```", file.read(), re.S).group(1)
    names = {}
    exec(compile(code, GUIDE, "exec"), names)  # noqa: S102 - the project's own documentation
    return names


def one_hot_planes(one_hot, height, width):
    """One constant plane per class: the label maps a user writes by hand."""
    return one_hot[:, None, None, :] * ops.ones((1, height, width, 1))


def conditional_networks(latent_dim=LATENT_DIM, num_classes=NUM_CLASSES):
    """The example's generator (concat(z, one-hot) -> sigmoid image) and discriminator (image
    joined to label maps -> one logit)."""
    channels = latent_dim + num_classes
    generator = keras.Sequential([
        keras.layers.InputLayer((channels,)),
        layers.Dense(7 * 7 * channels), layers.LeakyReLU(negative_slope=0.2), layers.Reshape((7, 7, channels)),
        layers.Conv2DTranspose(128, 4, strides=2, padding="same"), layers.LeakyReLU(negative_slope=0.2),
        layers.Conv2DTranspose(128, 4, strides=2, padding="same"), layers.LeakyReLU(negative_slope=0.2),
        layers.Conv2D(1, 7, padding="same", activation="sigmoid"),
    ], name="generator")
    discriminator = keras.Sequential([
        keras.layers.InputLayer(IMAGE_SHAPE[:2] + (IMAGE_SHAPE[2] + num_classes,)),
        layers.Conv2D(64, 3, strides=2, padding="same"), layers.LeakyReLU(negative_slope=0.2),
        layers.Conv2D(128, 3, strides=2, padding="same"), layers.LeakyReLU(negative_slope=0.2),
        layers.GlobalMaxPooling2D(), layers.Dense(1),
    ], name="discriminator")
    return generator, discriminator


class KerasIOConditionalGAN(keras.Model):
    """The keras.io example's training step on (images in [0, 1], one-hot labels) batches."""

    def __init__(self, generator, discriminator, label_maps, seed=None):
        super().__init__()
        self.generator, self.discriminator, self.label_maps = generator, discriminator, label_maps
        self.seed_generator = keras.random.SeedGenerator(seed)
        self.cross_entropy = keras.losses.BinaryCrossentropy(from_logits=True)
        self.d_loss_mean, self.g_loss_mean = keras.metrics.Mean(name="d_loss"), keras.metrics.Mean(name="g_loss")

    @property
    def metrics(self):
        return [self.d_loss_mean, self.g_loss_mean]

    def compile(self, d_optimizer, g_optimizer):
        super().compile()
        self.d_optimizer, self.g_optimizer = d_optimizer, g_optimizer

    def fakes_with_maps(self, one_hot, maps):
        z = keras.random.normal((ops.shape(one_hot)[0], self.generator.input_shape[-1] - one_hot.shape[-1]),
                                seed=self.seed_generator)
        return ops.concatenate([self.generator(ops.concatenate([z, one_hot], axis=1)), maps], axis=-1)

    def train_step(self, data):
        import tensorflow as tf

        images, one_hot = data
        maps = self.label_maps(one_hot, images.shape[1], images.shape[2])
        batch = ops.shape(images)[0]
        joined = ops.concatenate([self.fakes_with_maps(one_hot, maps), ops.concatenate([images, maps], -1)], 0)
        fake_is_one = ops.concatenate([ops.ones((batch, 1)), ops.zeros((batch, 1))], 0)
        with tf.GradientTape() as tape:
            d_loss = self.cross_entropy(fake_is_one, self.discriminator(joined))
        variables = self.discriminator.trainable_weights
        self.d_optimizer.apply(tape.gradient(d_loss, variables), variables)
        with tf.GradientTape() as tape:
            g_loss = self.cross_entropy(ops.zeros((batch, 1)), self.discriminator(self.fakes_with_maps(one_hot, maps)))
        variables = self.generator.trainable_weights
        self.g_optimizer.apply(tape.gradient(g_loss, variables), variables)
        self.d_loss_mean.update_state(d_loss)
        self.g_loss_mean.update_state(g_loss)
        return {metric.name: metric.result() for metric in self.metrics}


def training_loop(loop, maps, seed, images, labels, batch_size=64):
    """(train(steps) -> last logs, sample(labels) -> images in [-1, 1]) for one loop."""
    import tensorflow as tf

    import kerasgan

    generator, discriminator = conditional_networks()
    label_maps = guide_wrappers()["keras_io_label_maps"] if maps == "keras_io" else one_hot_planes
    unit_images = images.astype("float32") / 255.0
    if loop == "keras_io":
        model = KerasIOConditionalGAN(generator, discriminator, label_maps, seed=seed)
        model.compile(keras.optimizers.Adam(3e-4), keras.optimizers.Adam(3e-4))
        one_hot = np.eye(NUM_CLASSES, dtype="float32")[labels]
        batches = tf.data.Dataset.from_tensor_slices((unit_images, one_hot)).shuffle(1024, seed=seed)
        batches = batches.batch(batch_size).repeat()

        def train(steps):
            return model.fit(batches, steps_per_epoch=steps, epochs=1, verbose=0).history

        def sample(requested):
            z = np.random.default_rng(1).normal(size=(len(requested), LATENT_DIM)).astype("float32")
            inputs = np.concatenate([z, np.eye(NUM_CLASSES, dtype="float32")[requested]], axis=1)
            return generator.predict(inputs, batch_size=256, verbose=0) * 2.0 - 1.0

        return train, sample

    wrappers = guide_wrappers()
    gan = kerasgan.ConditionalGAN(
        wrappers["keras_io_generator"](generator, LATENT_DIM, NUM_CLASSES),
        wrappers["keras_io_discriminator"](discriminator, IMAGE_SHAPE, NUM_CLASSES, label_maps),
        num_classes=NUM_CLASSES, seed=seed,
    )
    gan.compile(d_optimizer=keras.optimizers.Adam(3e-4), g_optimizer=keras.optimizers.Adam(3e-4))
    epochs_done = [0]

    def train(steps):
        history = gan.fit(unit_images * 2.0 - 1.0, labels, batch_size=batch_size, steps_per_epoch=steps,
                          initial_epoch=epochs_done[0], epochs=epochs_done[0] + 1, verbose=0).history
        epochs_done[0] += 1
        return history

    return train, lambda requested: gan.generate(len(requested), labels=requested, seed=1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--loop", choices=("keras_io", "kerasgan"), required=True)
    parser.add_argument("--maps", choices=("keras_io", "one_hot"), default="keras_io")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--steps", type=int, default=2500)
    parser.add_argument("--eval-every", type=int, default=500)
    parser.add_argument("--samples", type=int, default=2000, help="generated and validation digits per evaluation")
    parser.add_argument("--data-dir", default=None, help="MNIST IDX folder (default $KERASGAN_MNIST_DIR)")
    args = parser.parse_args()
    if keras.backend.backend() != "tensorflow":
        parser.error("the keras.io step needs Keras' TensorFlow backend (KERAS_BACKEND=tensorflow)")

    from kerasgan import data
    from kerasgan.evaluation import evaluate_samples

    keras.utils.set_random_seed(args.seed)
    images, labels = data.load_mnist(args.data_dir, split="train", with_labels=True)
    validation = data.scale_images(data.load_mnist(args.data_dir, split="validation")[: args.samples])
    train, sample = training_loop(args.loop, args.maps, args.seed, images, labels)
    requested = np.arange(args.samples) % NUM_CLASSES
    started, done = time.perf_counter(), 0
    while done < args.steps:
        steps = min(args.eval_every, args.steps - done)
        logs = train(steps)
        done += steps
        scores = evaluate_samples(sample(requested), validation, "mnist_classifier", ("fid", "class_agreement"),
                                  fake_labels=requested)
        print(json.dumps({
            "loop": args.loop, "maps": args.maps, "seed": args.seed, "steps": done,
            "class_agreement": round(scores["class_agreement"], 3), "fid": round(scores["fid"], 1),
            "d_loss": round(float(logs["d_loss"][-1]), 3), "g_loss": round(float(logs["g_loss"][-1]), 3),
            "seconds": round(time.perf_counter() - started),
        }), flush=True)


if __name__ == "__main__":
    main()
