"""The CMP Facades pairs in the pix2pix layout: a photo on the left, its colour-coded label map on the right.

The folder is a parameter (`data_dir`, the folder holding 1.jpg ... 400.jpg)
or `$KERASGAN_FACADES_DIR`; nothing is downloaded. Splits: the last 40 files
by number form "validation", the rest "train" ("all" is every file).
"""

import os

import numpy as np

from kerasgan.data.image_folders import image_files
from kerasgan.data.image_folders import load_paired_folder

FACADES_DIR_ENV = "KERASGAN_FACADES_DIR"
VALIDATION_SIZE = 40
SPLITS = ("train", "validation", "all")


def resolve_facades_dir(data_dir=None):
    """`data_dir`, else $KERASGAN_FACADES_DIR; an error when neither is set."""
    data_dir = data_dir or os.environ.get(FACADES_DIR_ENV)
    if not data_dir:
        raise ValueError(f"No facades folder given: pass data_dir (the folder of pair JPEGs) or set ${FACADES_DIR_ENV}.")
    return data_dir


def split_files(data_dir=None, split="train"):
    """The pair files of `split`, in numeric order."""
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}, got {split!r}.")
    files = image_files(resolve_facades_dir(data_dir))
    if split == "all":
        return files
    if len(files) <= VALIDATION_SIZE:
        raise ValueError(f"The facades folder holds {len(files)} pairs; a validation split needs more than {VALIDATION_SIZE}.")
    return files[-VALIDATION_SIZE:] if split == "validation" else files[:-VALIDATION_SIZE]


def load_facades(data_dir=None, split="train", size=None):
    """(photos, label_maps), uint8 [N, size, size, 3], of a facades split."""
    files = split_files(data_dir, split)
    return load_paired_folder(os.path.dirname(files[0]), direction="AtoB", size=size, files=files)


def facade_label_colors(label_maps, num_labels=12, iterations=20, sample=200_000, seed=0):
    """The palette of colour-coded label maps: `num_labels` colours (CMP Facades has 12 classes), uint8 [K, 3].

    JPEG compression spreads each label colour into a cloud, so the palette
    is the k-means centres of a sample of the pixels, started from the
    centres of the most frequent cells of a 32-level colour grid.
    """
    pixels = np.asarray(label_maps, dtype=np.float64).reshape(-1, 3)
    pixels = pixels[np.random.default_rng(seed).permutation(len(pixels))[:sample]]
    cells = (pixels // 32).astype(np.int64)
    keys = cells[:, 0] * 64 + cells[:, 1] * 8 + cells[:, 2]
    counts = np.bincount(keys, minlength=512)
    starts = np.argsort(counts)[::-1][:num_labels]
    centres = np.stack([pixels[keys == key].mean(axis=0) for key in starts if counts[key]])
    for _ in range(iterations):
        nearest = ((pixels[:, None, :] - centres) ** 2).sum(axis=-1).argmin(axis=1)
        centres = np.stack([pixels[nearest == k].mean(axis=0) if np.any(nearest == k) else centres[k]
                            for k in range(len(centres))])
    return centres.round().clip(0, 255).astype(np.uint8)
