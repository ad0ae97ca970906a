"""From uint8 image arrays to shuffled `tf.data` batches in [-1, 1]."""

import numpy as np
import tensorflow as tf


def scale_images(images):
    """uint8 [0, 255] -> float32 [-1, 1]."""
    images = np.asarray(images)
    if images.dtype != np.uint8:
        raise ValueError(f"scale_images expects uint8 images, got {images.dtype}.")
    return images.astype(np.float32) / 127.5 - 1.0


def image_dataset(images, batch_size, seed=None, shuffle=True):
    """A `tf.data.Dataset` of float32 batches in [-1, 1] from uint8 NHWC images.

    Whole batches only (`drop_remainder`), so that every step, and every
    replica under a strategy, sees the same batch size.
    """
    images = np.asarray(images)
    if images.ndim != 4:
        raise ValueError(f"Expected NHWC images, got shape {images.shape}.")
    if len(images) < batch_size:
        raise ValueError(
            f"{len(images)} images cannot fill one batch of {batch_size}."
        )
    dataset = tf.data.Dataset.from_tensor_slices(images)
    if shuffle:
        dataset = dataset.shuffle(len(images), seed=seed, reshuffle_each_iteration=True)
    dataset = dataset.batch(batch_size, drop_remainder=True)
    return dataset.map(
        lambda batch: tf.cast(batch, tf.float32) / 127.5 - 1.0,
        num_parallel_calls=tf.data.AUTOTUNE,
    ).prefetch(tf.data.AUTOTUNE)
