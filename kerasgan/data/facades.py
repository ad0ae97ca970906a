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


def facade_label_colors(label_maps, num_labels=12, flatness=24, bin_width=8, radius=24, separation=56):
    """The palette of colour-coded label maps [N, H, W, 3]: `num_labels` colours (CMP Facades has 12 classes), uint8.

    Each label is a flat colour region; JPEG compression spreads its colour
    into a small cloud, and compression and resizing blend neighbouring
    labels along their borders. So only flat pixels count (each within
    `flatness`, summed over channels, of its four neighbours), and the label
    colours are the densest peaks of their colour histogram (cells
    `bin_width` wide): the densest cell's pixels within `radius` give a label
    colour, every cell within `separation` of it is cleared, and so on. On
    the facades training maps this finds the 12 class colours; k-means of all
    pixels puts four of its twelve centres on border blends (e.g. (149, 70,
    102), between a red and a blue) and misses four small classes.
    """
    maps = np.asarray(label_maps).astype(np.int64)
    if maps.ndim != 4 or maps.shape[-1] != 3:
        raise ValueError(f"Need RGB label maps [N, H, W, 3], got shape {maps.shape}.")
    centre = maps[:, 1:-1, 1:-1]
    neighbours = (maps[:, :-2, 1:-1], maps[:, 2:, 1:-1], maps[:, 1:-1, :-2], maps[:, 1:-1, 2:])
    steepest = np.max([np.abs(centre - neighbour).sum(axis=-1) for neighbour in neighbours], axis=0)
    pixels = centre[steepest < flatness]
    levels = 256 // bin_width
    cells = pixels // bin_width
    counts = np.bincount((cells[:, 0] * levels + cells[:, 1]) * levels + cells[:, 2], minlength=levels**3)
    cell_centres = np.stack(np.unravel_index(np.arange(levels**3), (levels,) * 3), axis=1) * bin_width + bin_width // 2
    colours = []
    for _ in range(num_labels):
        if not counts.any():
            raise ValueError(f"The label maps hold fewer than {num_labels} distinct flat colours.")
        peak = cell_centres[counts.argmax()]
        colours.append(pixels[((pixels - peak) ** 2).sum(axis=1) < radius**2].mean(axis=0))
        counts[((cell_centres - peak) ** 2).sum(axis=1) < separation**2] = 0
    return np.round(colours).clip(0, 255).astype(np.uint8)
