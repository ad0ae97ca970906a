"""Batches of image pairs (pix2pix) and of two unpaired domains (CycleGAN), with the papers' jitter.

Random jitter (Isola et al. 2017, appendix 6.2; Zhu et al. 2017, appendix
7.1): images are resized to a larger side (286 for 256 crops; the same
ratio, 30/256, at other sizes) and randomly cropped back, and mirrored with
probability 1/2. The resizing happens once, at load time (the `load_size`
of the loaders); each batch draws new crops and flips. A pair gets one crop
and flip for both images; unpaired domains are shuffled and jittered apart.

The datasets are `keras.utils.PyDataset`s of float32 batches in [-1, 1],
the same on every Keras backend.
"""

import math

import keras
import numpy as np

from kerasgan.data.pipelines import scale_images

JITTER_RATIO = 286 / 256


def jitter_load_size(crop_size):
    """The side images are resized to before random crops of `crop_size` (286 for 256, 143 for 128)."""
    return int(math.ceil(crop_size * JITTER_RATIO))


def _check_images(images, what):
    images = np.asarray(images)
    if images.ndim != 4 or images.dtype != np.uint8:
        raise ValueError(f"{what} must be uint8 NHWC images, got dtype {images.dtype} and shape {images.shape}.")
    return images


def random_crops_and_flips(images, crop_size, rng, jitter=True):
    """A random `crop_size` crop of each image, mirrored with probability 1/2 (or, without jitter,
    the images as they are: they must already be `crop_size`). Images are [N, H, W, C] or a tuple of
    aligned arrays that share each example's crop and flip."""
    group = images if isinstance(images, tuple) else (images,)
    side = group[0].shape[1]
    if not jitter:
        if side != crop_size:
            raise ValueError(f"Without jitter the images must be {crop_size}x{crop_size}, got {side}x{side}.")
        return images
    count = len(group[0])
    tops = rng.integers(0, side - crop_size + 1, count)
    lefts = rng.integers(0, side - crop_size + 1, count)
    flips = rng.random(count) < 0.5
    out = []
    for array in group:
        crops = np.stack([array[i, t : t + crop_size, l : l + crop_size] for i, (t, l) in enumerate(zip(tops, lefts))])
        crops[flips] = crops[flips, :, ::-1]
        out.append(crops)
    return tuple(out) if isinstance(images, tuple) else out[0]


class TranslationBatches(keras.utils.PyDataset):
    """`(a, b)` float32 batches in [-1, 1] from uint8 images, jittered, reshuffled every epoch.

    `paired=True` keeps a[i] with b[i] (pix2pix: input and target);
    otherwise each domain is shuffled on its own and an epoch is as long as
    the smaller domain allows (CycleGAN).
    """

    def __init__(self, a, b, batch_size, crop_size=None, paired=True, jitter=True, shuffle=True, seed=None,
                 **kwargs):
        super().__init__(**kwargs)
        self.a, self.b = _check_images(a, "Domain A images"), _check_images(b, "Domain B images")
        if paired and len(self.a) != len(self.b):
            raise ValueError(f"Paired data needs one target per input, got {len(self.a)} inputs and {len(self.b)} targets.")
        self.batch_size = int(batch_size)
        if min(len(self.a), len(self.b)) < self.batch_size:
            raise ValueError(f"{min(len(self.a), len(self.b))} images cannot fill one batch of {batch_size}.")
        self.crop_size = int(crop_size or self.a.shape[1])
        self.paired, self.jitter, self.shuffle = paired, jitter, shuffle
        self._rng = np.random.default_rng(seed)
        self._orders = self._new_orders()

    def _new_orders(self):
        def order(count):
            return self._rng.permutation(count) if self.shuffle else np.arange(count)

        first = order(len(self.a))
        return (first, first) if self.paired else (first, order(len(self.b)))

    def __len__(self):
        return min(len(self.a), len(self.b)) // self.batch_size

    def __getitem__(self, index):
        rows = slice(index * self.batch_size, (index + 1) * self.batch_size)
        a, b = self.a[self._orders[0][rows]], self.b[self._orders[1][rows]]
        if self.paired:
            a, b = random_crops_and_flips((a, b), self.crop_size, self._rng, self.jitter)
        else:
            a = random_crops_and_flips(a, self.crop_size, self._rng, self.jitter)
            b = random_crops_and_flips(b, self.crop_size, self._rng, self.jitter)
        return scale_images(a), scale_images(b)

    def on_epoch_end(self):
        self._orders = self._new_orders()


def paired_dataset(inputs, targets, batch_size, crop_size=None, jitter=True, shuffle=True, seed=None):
    """`(input, target)` batches for pix2pix (see `TranslationBatches`)."""
    return TranslationBatches(inputs, targets, batch_size, crop_size, paired=True, jitter=jitter, shuffle=shuffle,
                              seed=seed)


def unpaired_dataset(a, b, batch_size, crop_size=None, jitter=True, shuffle=True, seed=None):
    """`(a, b)` batches of two domains for CycleGAN (see `TranslationBatches`)."""
    return TranslationBatches(a, b, batch_size, crop_size, paired=False, jitter=jitter, shuffle=shuffle, seed=seed)
