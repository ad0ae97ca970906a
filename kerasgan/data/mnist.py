"""MNIST from the original IDX files (or tensorflow-datasets on request).

The directory is a parameter (`data_dir`) or the `KERASGAN_MNIST_DIR`
environment variable; nothing is downloaded unless `source="tfds"` is asked
for, because tensorflow-datasets spends minutes retrying when offline.
"""

import gzip
import os

import numpy as np

from kerasgan.data.pipelines import image_dataset

MNIST_DIR_ENV = "KERASGAN_MNIST_DIR"
TRAIN_IMAGES = "train-images-idx3-ubyte.gz"
TRAIN_LABELS = "train-labels-idx1-ubyte.gz"
IDX_IMAGES_MAGIC = 2051
IDX_LABELS_MAGIC = 2049
# The last 5,000 training images form the validation split, the rest "train".
VALIDATION_SIZE = 5000
SPLITS = ("train", "validation", "all")


def resolve_data_dir(data_dir=None):
    """`data_dir`, else $KERASGAN_MNIST_DIR; an error when neither is set."""
    data_dir = data_dir or os.environ.get(MNIST_DIR_ENV)
    if not data_dir:
        raise ValueError(
            f"No MNIST directory given: the folder holding {TRAIN_IMAGES} is passed as --data-dir on "
            f"the command line, data_dir= in Python, or set as ${MNIST_DIR_ENV}."
        )
    if not os.path.isdir(data_dir):
        raise FileNotFoundError(f"MNIST directory {data_dir!r} does not exist.")
    return data_dir


def read_idx(path, expected_magic):
    """Reads a gzip-compressed IDX file into a uint8 array, checking its header."""
    if not os.path.isfile(path):
        raise FileNotFoundError(f"MNIST file {path!r} is missing.")
    try:
        with gzip.open(path, "rb") as handle:
            raw = handle.read()
    except (OSError, EOFError) as error:
        raise ValueError(f"MNIST file {path!r} is not a readable gzip file: {error}") from error
    if len(raw) < 8:
        raise ValueError(f"MNIST file {path!r} is truncated (no IDX header).")
    magic = int.from_bytes(raw[0:4], "big")
    if magic != expected_magic:
        raise ValueError(
            f"MNIST file {path!r} has IDX magic number {magic}, expected "
            f"{expected_magic}; it is corrupt or not the file its name says."
        )
    rank = raw[3]
    dims = [int.from_bytes(raw[4 + 4 * i : 8 + 4 * i], "big") for i in range(rank)]
    header = 4 + 4 * rank
    expected = int(np.prod(dims))
    if len(raw) - header != expected:
        raise ValueError(
            f"MNIST file {path!r} holds {len(raw) - header} data bytes, but its "
            f"header declares shape {dims} ({expected} bytes): the file is corrupt."
        )
    return np.frombuffer(raw, dtype=np.uint8, offset=header).reshape(dims)


def _split_rows(num_rows, split):
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}, got {split!r}.")
    if split == "train":
        return slice(0, num_rows - VALIDATION_SIZE)
    if split == "validation":
        return slice(num_rows - VALIDATION_SIZE, num_rows)
    return slice(0, num_rows)


def load_mnist(data_dir=None, split="train", with_labels=False, source="idx"):
    """MNIST training images as uint8 [N, 28, 28, 1] (and int labels).

    Args:
        data_dir: folder with the IDX files; defaults to $KERASGAN_MNIST_DIR.
        split: "train" (first 55,000), "validation" (last 5,000) or "all".
        with_labels: also return the labels.
        source: "idx" (files in `data_dir`) or "tfds" (tensorflow-datasets,
            which downloads when online and may take minutes to fail offline).
    """
    if source == "tfds":
        images, labels = _load_tfds_mnist(data_dir)
    elif source == "idx":
        data_dir = resolve_data_dir(data_dir)
        images = read_idx(os.path.join(data_dir, TRAIN_IMAGES), IDX_IMAGES_MAGIC)
        labels = read_idx(os.path.join(data_dir, TRAIN_LABELS), IDX_LABELS_MAGIC)
        if images.shape[1:] != (28, 28) or len(labels) != len(images):
            raise ValueError(
                f"MNIST files in {data_dir!r} disagree: images {images.shape}, "
                f"labels {labels.shape}."
            )
    else:
        raise ValueError(f"source must be 'idx' or 'tfds', got {source!r}.")
    rows = _split_rows(len(images), split)
    images = images[rows, :, :, None]
    return (images, labels[rows].astype(np.int64)) if with_labels else images


def _load_tfds_mnist(data_dir):
    import tensorflow_datasets as tfds

    images, labels = tfds.as_numpy(
        tfds.load("mnist", split="train", batch_size=-1, as_supervised=True, data_dir=data_dir)
    )
    return images[..., 0], labels


def mnist_dataset(
    batch_size, data_dir=None, split="train", pad_to=None, seed=None, source="idx", with_labels=False, output="auto"
):
    """Shuffled batches of MNIST in [-1, 1], in a new order every epoch.

    `pad_to` zero-pads (with -1, the background) to a square side such as 32.
    `with_labels` yields `(images, labels)` batches, for conditional models.
    `output` is "tf.data", "pydataset", "numpy" or "auto" (see `kerasgan.data.pipelines`).
    """
    images, labels = load_mnist(data_dir, split=split, source=source, with_labels=True)
    if pad_to is not None:
        extra = pad_to - images.shape[1]
        if extra < 0 or extra % 2:
            raise ValueError(f"pad_to must be 28 + an even number, got {pad_to}.")
        half = extra // 2
        images = np.pad(images, ((0, 0), (half, half), (half, half), (0, 0)))
    return image_dataset(images, batch_size, labels=labels if with_labels else None, seed=seed, output=output)


def crop_padding(images, side=28):
    """The centre `side` x `side` of padded images (undoes `mnist_dataset`'s `pad_to`)."""
    border = (images.shape[1] - side) // 2
    return images[:, border : border + side, border : border + side]
