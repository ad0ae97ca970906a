"""From arrays to shuffled batches: a `tf.data.Dataset`, a `keras.utils.PyDataset`, or numpy.

Every data function takes `output`: "tf.data", "pydataset" (no TensorFlow
needed), "numpy" (the whole array, for `fit(x, batch_size=...)`), or "auto",
which is "tf.data" on Keras' TensorFlow backend and "pydataset" on the others.
"""

import keras
import numpy as np

OUTPUTS = ("auto", "tf.data", "pydataset", "numpy")
PREFETCHED_BATCHES = 2


def scale_images(images):
    """uint8 [0, 255] -> float32 [-1, 1]."""
    images = np.asarray(images)
    if images.dtype != np.uint8:
        raise ValueError(f"scale_images expects uint8 images, got {images.dtype}.")
    return images.astype(np.float32) / 127.5 - 1.0


def _count(examples):
    return len(examples[0]) if isinstance(examples, tuple) else len(examples)


def _rows(examples, rows):
    return tuple(part[rows] for part in examples) if isinstance(examples, tuple) else examples[rows]


def _scaled(batch):
    """`batch` with its images (the first part of a tuple) scaled from uint8 to [-1, 1]."""
    if isinstance(batch, tuple):
        return (scale_images(batch[0]),) + batch[1:]
    return scale_images(batch)


class ShuffledBatches(keras.utils.PyDataset):
    """Whole batches of `examples` (an array, or a tuple of aligned arrays such as
    images and labels), in a new order every epoch, images optionally scaled from uint8.

    The TensorFlow-free counterpart of a shuffled, batched `tf.data` pipeline.
    """

    def __init__(self, examples, batch_size, seed=None, shuffle=True, uint8_images=False, **kwargs):
        super().__init__(**kwargs)
        self.examples = examples
        self.batch_size = int(batch_size)
        self.shuffle = shuffle
        self.uint8_images = uint8_images
        self._rng = np.random.default_rng(seed)
        self._order = self._new_order()

    def _new_order(self):
        count = _count(self.examples)
        return self._rng.permutation(count) if self.shuffle else np.arange(count)

    def __len__(self):
        return _count(self.examples) // self.batch_size

    def __getitem__(self, index):
        batch = _rows(self.examples, self._order[index * self.batch_size : (index + 1) * self.batch_size])
        return _scaled(batch) if self.uint8_images else batch

    def on_epoch_end(self):
        self._order = self._new_order()


def resolve_output(output):
    """The concrete output format for `output` on this Keras backend."""
    if output not in OUTPUTS:
        raise ValueError(f"output must be one of {OUTPUTS}, got {output!r}.")
    if output == "auto":
        return "tf.data" if keras.backend.backend() == "tensorflow" else "pydataset"
    return output


def batches(examples, batch_size, seed=None, shuffle=True, output="auto", uint8_images=False):
    """Shuffled whole batches of `examples`, an array or a tuple of aligned arrays.

    With `uint8_images` the images (the first array of a tuple) are scaled to
    [-1, 1]. Whole batches only (`drop_remainder`), so that every step, and
    every replica under a strategy, sees the same batch size.
    """
    output = resolve_output(output)
    if _count(examples) < batch_size:
        raise ValueError(f"{_count(examples)} examples cannot fill one batch of {batch_size}.")
    if output == "numpy":
        return _scaled(examples) if uint8_images else examples
    if output == "pydataset":
        return ShuffledBatches(examples, batch_size, seed=seed, shuffle=shuffle, uint8_images=uint8_images)
    import tensorflow as tf

    def scaled(images, *rest):
        images = tf.cast(images, tf.float32) / 127.5 - 1.0
        return (images, *rest) if rest else images

    dataset = tf.data.Dataset.from_tensor_slices(examples)
    if shuffle:
        dataset = dataset.shuffle(_count(examples), seed=seed, reshuffle_each_iteration=True)
    dataset = dataset.batch(batch_size, drop_remainder=True)
    if uint8_images:
        dataset = dataset.map(scaled)
    return dataset.prefetch(PREFETCHED_BATCHES).with_options(without_autotuning())


def without_autotuning():
    """`tf.data.Options` that switch tf.data's autotuning off.

    An autotuned pipeline runs a thread that sleeps between optimisations for
    a period that doubles up to a minute, and deleting the iterator can wait
    for that sleep to end: `fit` returned up to 50 s after its last step (a
    ProGAN test's fit: 38 s after 44 s of training, in 4 of 6 runs; 45-s fits
    in `tools/dataset_teardown.py`: 5.0 s on average). Scaling a batch of
    uint8 images needs no tuning: one map in the prefetch thread keeps up
    with any GAN step.
    """
    import tensorflow as tf

    options = tf.data.Options()
    options.autotune.enabled = False
    return options


def image_dataset(images, batch_size, labels=None, seed=None, shuffle=True, output="auto"):
    """Shuffled float32 batches in [-1, 1] from uint8 NHWC images, or `(images, labels)`
    batches when `labels` are given (see the module for `output`)."""
    images = np.asarray(images)
    if images.ndim != 4:
        raise ValueError(f"Expected NHWC images, got shape {images.shape}.")
    if images.dtype != np.uint8:
        raise ValueError(
            f"image_dataset expects uint8 images in [0, 255], got {images.dtype}; batch float images "
            "already in [-1, 1] with `fit(x, batch_size=...)`."
        )
    examples = images
    if labels is not None:
        labels = np.asarray(labels)
        if labels.shape != (len(images),):
            raise ValueError(f"Expected one label per image, shape ({len(images)},), got {labels.shape}.")
        examples = (images, labels.astype(np.int32))
    return batches(examples, batch_size, seed=seed, shuffle=shuffle, output=output, uint8_images=True)
