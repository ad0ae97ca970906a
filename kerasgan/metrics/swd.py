"""Sliced Wasserstein distance between the multi-scale patches of two image sets (Karras et al. 2018,
ProGAN, section 5): a realism measure that needs no pretrained network.

Each image set becomes a Laplacian pyramid (5-tap binomial blur, factor 2)
down to 16x16; at every level 7x7 neighbourhoods are drawn at random, each
a descriptor of 49 x channels values, and each level's descriptors are
normalised per channel. The distance at a level is the mean over random
unit directions of the 1-D Wasserstein-1 distance between the projected
descriptors (sorted and compared), reported x 1e3 as in the paper. Fine
levels measure texture and edges, the coarse one colour and layout; a
blurred image set is far from sharp real images at the fine levels.
"""

import numpy as np

BINOMIAL = np.array([1.0, 4.0, 6.0, 4.0, 1.0]) / 16.0
PATCH = 7
SMALLEST_LEVEL = 16


def _blur(images):
    padded = np.pad(images, ((0, 0), (2, 2), (2, 2), (0, 0)), mode="reflect")
    rows = sum(weight * padded[:, i : i + images.shape[1], :, :] for i, weight in enumerate(BINOMIAL))
    return sum(weight * rows[:, :, i : i + images.shape[2], :] for i, weight in enumerate(BINOMIAL))


def laplacian_pyramid(images):
    """Band-pass levels from full size down, then the coarsest low-pass level (NHWC float arrays)."""
    levels, current = [], np.asarray(images, dtype=np.float64)
    while current.shape[1] > SMALLEST_LEVEL:
        smaller = _blur(current)[:, ::2, ::2]
        upsampled = _blur(np.repeat(np.repeat(smaller, 2, axis=1), 2, axis=2))
        levels.append(current - upsampled)
        current = smaller
    return levels + [current]


def _descriptors(level, patches_per_image, rng):
    count, height, width, channels = level.shape
    rows = rng.integers(0, height - PATCH + 1, (count, patches_per_image))
    columns = rng.integers(0, width - PATCH + 1, (count, patches_per_image))
    offsets = np.arange(PATCH)
    patches = level[np.arange(count)[:, None, None, None], rows[..., None, None] + offsets[:, None],
                    columns[..., None, None] + offsets[None, :]]  # [count, patches, 7, 7, channels]
    patches = patches.reshape(-1, PATCH * PATCH, channels)
    patches = (patches - patches.mean(axis=(0, 1))) / (patches.std(axis=(0, 1)) + 1e-8)
    return patches.reshape(len(patches), -1)


def _sliced_wasserstein(a, b, projections, repeats, rng):
    results = []
    for _ in range(repeats):
        directions = rng.normal(size=(a.shape[1], projections))
        directions /= np.linalg.norm(directions, axis=0, keepdims=True)
        results.append(np.mean(np.abs(np.sort(a @ directions, axis=0) - np.sort(b @ directions, axis=0))))
    return float(np.mean(results))


def sliced_wasserstein_distance(images_a, images_b, patches_per_image=128, projections=512, repeats=4, seed=0):
    """{"swd": mean over levels, "swd_levels": [finest, ..., coarsest]}, each x 1e3, between two sets of
    NHWC images in one value range (equal counts and shapes, square sides >= 16)."""
    images_a, images_b = np.asarray(images_a), np.asarray(images_b)
    if images_a.shape != images_b.shape or images_a.ndim != 4 or images_a.shape[1] < SMALLEST_LEVEL:
        raise ValueError(f"Need two NHWC image sets of one shape, sides >= {SMALLEST_LEVEL}; got "
                         f"{images_a.shape} and {images_b.shape}.")
    rng = np.random.default_rng(seed)
    levels = [
        1e3 * _sliced_wasserstein(_descriptors(level_a, patches_per_image, rng),
                                  _descriptors(level_b, patches_per_image, rng), projections, repeats, rng)
        for level_a, level_b in zip(laplacian_pyramid(images_a), laplacian_pyramid(images_b))
    ]
    return {"swd": float(np.mean(levels)), "swd_levels": [round(level, 2) for level in levels]}
