"""Image folders for translation: side-by-side pairs (the pix2pix layout) and unpaired domains.

Images are read with Pillow into uint8 RGB arrays, resized (bicubic) to a
square side, and checked: a missing or empty folder, an image that is not
two equal halves, mixed sizes and an unreadable file are refused with the
file named. Files are ordered by the number in their name (1.jpg, 2.jpg,
..., 10.jpg), so a split by position is the same on every machine.
"""

import os
import re

import numpy as np

IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".bmp")
DIRECTIONS = ("AtoB", "BtoA")


def _natural_key(name):
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name)]


def image_files(folder):
    """The image files of `folder`, in natural order; an error if there are none."""
    if not os.path.isdir(folder):
        raise FileNotFoundError(f"Image folder {folder!r} does not exist.")
    names = sorted((name for name in os.listdir(folder) if name.lower().endswith(IMAGE_EXTENSIONS)), key=_natural_key)
    if not names:
        raise ValueError(f"Image folder {folder!r} holds no images ({', '.join(IMAGE_EXTENSIONS)}).")
    return [os.path.join(folder, name) for name in names]


def read_image(path):
    """An RGB image file as a PIL image, with an error naming the file if it cannot be decoded."""
    from PIL import Image

    try:
        with Image.open(path) as image:
            image.load()
            return image.convert("RGB")
    except (OSError, SyntaxError, ValueError) as error:
        raise ValueError(f"Cannot read image {path!r}: {error}. The file is corrupt or not an image.") from error


def _resized(image, size):
    from PIL import Image

    if size is None or image.size == (size, size):
        return np.asarray(image, dtype=np.uint8)
    return np.asarray(image.resize((size, size), Image.BICUBIC), dtype=np.uint8)


def _stack(images, paths, what):
    shapes = {image.shape for image in images}
    if len(shapes) > 1:
        first = images[0].shape
        odd = next(path for path, image in zip(paths, images) if image.shape != first)
        raise ValueError(
            f"{what} have mixed sizes ({sorted(shapes)}): {paths[0]!r} is {first}, {odd!r} is not. "
            "Pass size= to resize them all."
        )
    return np.stack(images)


def load_image_folder(folder, size=None, files=None):
    """uint8 [N, size, size, 3] images of a folder (`files`: a subset of `image_files(folder)`)."""
    paths = files if files is not None else image_files(folder)
    return _stack([_resized(read_image(path), size) for path in paths], paths, f"The images of {folder!r}")


def split_halves(image, path):
    """(left, right) halves of a side-by-side pair image."""
    width, height = image.size
    if width % 2 or width // 2 != height:
        raise ValueError(
            f"{path!r} is {width}x{height}: a pix2pix pair image holds two equal square halves side by "
            f"side (width = 2 x height)."
        )
    half = width // 2
    return image.crop((0, 0, half, height)), image.crop((half, 0, width, height))


def load_paired_folder(folder, direction="AtoB", size=None, files=None):
    """(inputs, targets), uint8 [N, size, size, 3], of a folder of side-by-side pairs.

    In the pix2pix layout each file holds A on the left and B on the right;
    `direction="AtoB"` translates left to right, "BtoA" right to left.
    """
    if direction not in DIRECTIONS:
        raise ValueError(f"direction must be one of {DIRECTIONS}, got {direction!r}.")
    paths = files if files is not None else image_files(folder)
    lefts, rights = [], []
    for path in paths:
        left, right = split_halves(read_image(path), path)
        lefts.append(_resized(left, size))
        rights.append(_resized(right, size))
    what = f"The pair images of {folder!r}"
    lefts, rights = _stack(lefts, paths, what), _stack(rights, paths, what)
    return (lefts, rights) if direction == "AtoB" else (rights, lefts)


def load_unpaired_folders(folder_a, folder_b, size=None):
    """(a, b): the uint8 images of two domain folders, of any counts (CycleGAN's trainA/trainB)."""
    return load_image_folder(folder_a, size), load_image_folder(folder_b, size)


def load_cycle_gan_tfds(name, split="train", size=256, data_dir=None):
    """(a, b), uint8 [N, size, size, 3]: the two domains of tensorflow-datasets' `cycle_gan/<name>`
    (facades, horse2zebra, monet2photo, ...), `split` "train" (trainA, trainB) or "test".

    Downloads on first use, so it needs the network (offline, tensorflow-datasets retries for
    minutes before it fails); the folder loaders above read a local copy instead.
    """
    import tensorflow_datasets as tfds
    from PIL import Image

    if split not in ("train", "test"):
        raise ValueError(f"split must be 'train' or 'test', got {split!r}.")

    def domain(letter):
        images = tfds.as_numpy(tfds.load(f"cycle_gan/{name}", split=f"{split}{letter}", data_dir=data_dir))
        return np.stack([_resized(Image.fromarray(example["image"]), size) for example in images])

    return domain("A"), domain("B")
