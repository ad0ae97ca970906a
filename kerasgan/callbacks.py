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
        if log_dir is not None:
            try:
                import tensorboard  # noqa: F401  (tf.summary.image needs it)
            except ImportError as error:
                raise ImportError(
                    "SampleGrid(log_dir=...) writes TensorBoard images and needs the "
                    "tensorboard package: pip install 'kerasgan[tensorboard]'."
                ) from error
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


class SampleMetric(keras.callbacks.Callback):
    """Base of metric callbacks: every `every_n_epochs`, scores `num_samples`
    generated from fixed noise and writes the values into the epoch's `logs`
    (so they show in the progress bar, `History` and a `TensorBoard` callback
    listed after this one).

    Args:
        extractor: registry name ("mnist_classifier", "inception_v3"), a
            `keras.Model` or a `kerasgan.metrics.FeatureExtractor`.
        real_images: real images in [-1, 1] (or a callable returning them)
            for the reference activations; not needed by `InceptionScore`.
        dataset, split: names of the real data, part of the cache key.
        cache_dir: reference-activation cache (default ~/.cache/kerasgan).
    """

    needs_reference = True

    def __init__(self, extractor, real_images=None, num_samples=1000, every_n_epochs=5, seed=0,
                 dataset="custom", split="train", cache_dir=None):
        super().__init__()
        if self.needs_reference and real_images is None:
            raise ValueError(f"{type(self).__name__} needs real_images for its reference statistics.")
        self.extractor_spec = extractor
        self.real_images = real_images
        self.num_samples = num_samples
        self.every_n_epochs = every_n_epochs
        self.seed = seed
        self.dataset, self.split, self.cache_dir = dataset, split, cache_dir
        self.extractor = None
        self.reference = None

    def on_train_begin(self, logs=None):
        from kerasgan.metrics import get_extractor, reference_activations

        if self.extractor is None:
            self.extractor = get_extractor(self.extractor_spec)
        if self.needs_reference and self.reference is None:
            self.reference = reference_activations(
                self.real_images, self.dataset, self.split, self.extractor, self.cache_dir
            )

    def on_epoch_end(self, epoch, logs=None):
        if logs is None or (epoch + 1) % self.every_n_epochs:
            return
        logs.update(self.score(self.model.generate(self.num_samples, seed=self.seed)))

    def score(self, fake_images):
        """Returns {log name: value} for generated images."""
        raise NotImplementedError


class FID(SampleMetric):
    """Frechet distance between features of generated and real images (Heusel et al. 2017)."""

    def score(self, fake_images):
        from kerasgan.metrics import fid_from_activations

        return {"fid": fid_from_activations(self.reference, self.extractor.features(fake_images))}


class KID(SampleMetric):
    """Kernel Inception Distance (Binkowski et al. 2018); logs "kid" and "kid_std"."""

    def __init__(self, extractor, real_images=None, subset_size=1000, num_subsets=100, **kwargs):
        super().__init__(extractor, real_images, **kwargs)
        self.subset_size, self.num_subsets = subset_size, num_subsets

    def score(self, fake_images):
        from kerasgan.metrics import kid_from_activations

        mean, std = kid_from_activations(
            self.reference, self.extractor.features(fake_images), self.num_subsets, self.subset_size
        )
        return {"kid": mean, "kid_std": std}


class InceptionScore(SampleMetric):
    """Inception Score of generated images (Salimans et al. 2016) with the extractor's logits."""

    needs_reference = False

    def __init__(self, extractor, splits=10, **kwargs):
        super().__init__(extractor, **kwargs)
        self.splits = splits

    def score(self, fake_images):
        from kerasgan.metrics import inception_score_from_logits

        mean, std = inception_score_from_logits(self.extractor.logits(fake_images), self.splits)
        return {"inception_score": mean, "inception_score_std": std}
