"""Keras callbacks for GAN training."""

import os

import keras
import tensorflow as tf

from kerasgan.io import save_image_grid


class SampleGrid(keras.callbacks.Callback):
    """Saves a PNG grid of samples from fixed noise every `every_n_epochs`.

    The same latent vectors are used at every epoch, so the grids show how
    the generator's mapping evolves. With `log_dir` the grid also goes to
    TensorBoard as an image summary.

    Args:
        output_dir: folder for `samples_epoch_XXXX.png` files (None: no PNG).
        num_samples: images per grid.
        every_n_epochs: how often to write.
        seed: seed of the fixed latent vectors.
        log_dir: TensorBoard log folder, or None.
    """

    def __init__(self, output_dir=None, num_samples=64, every_n_epochs=1, seed=0, log_dir=None):
        super().__init__()
        if output_dir is None and log_dir is None:
            raise ValueError("SampleGrid needs an output_dir, a log_dir or both.")
        self.output_dir = output_dir
        self.num_samples = num_samples
        self.every_n_epochs = every_n_epochs
        self.seed = seed
        self.log_dir = log_dir
        self.latents = None
        self.last_path = None
        self._writer = None

    def on_train_begin(self, logs=None):
        self.latents = self.model.sample_latents(self.num_samples, seed=self.seed)
        if self.log_dir is not None and self._writer is None:
            self._writer = tf.summary.create_file_writer(os.path.join(self.log_dir, "samples"))

    def on_epoch_end(self, epoch, logs=None):
        if (epoch + 1) % self.every_n_epochs:
            return
        images = keras.ops.convert_to_numpy(self.model.sampling_generator(self.latents, training=False))
        if self.output_dir is not None:
            self.last_path = os.path.join(self.output_dir, f"samples_epoch_{epoch + 1:04d}.png")
            save_image_grid(images, self.last_path)
        if self._writer is not None:
            with self._writer.as_default():
                tf.summary.image("samples", (images[:16] + 1.0) / 2.0, step=epoch + 1, max_outputs=16)
            self._writer.flush()
