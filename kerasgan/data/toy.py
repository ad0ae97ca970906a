"""Two-dimensional toy distributions with known modes.

The ring and grid follow the PacGAN protocol (Lin et al. 2018): 8 Gaussians
on the unit circle with std 0.01, and 25 Gaussians at {-4, -2, 0, 2, 4}^2
with std 0.05.
"""

import numpy as np

from kerasgan.data.pipelines import batches

RING_STD = 0.01
GRID_STD = 0.05


def ring_centers(num_modes=8, radius=1.0):
    angles = 2 * np.pi * np.arange(num_modes) / num_modes
    return radius * np.stack([np.cos(angles), np.sin(angles)], axis=1)


def grid_centers(low=-4.0, high=4.0, step=2.0):
    ticks = np.arange(low, high + step / 2, step)
    return np.array([(x, y) for x in ticks for y in ticks], dtype=np.float64)


def sample_mixture(centers, std, num_samples, seed=None):
    """Equal-weight Gaussian mixture samples, float32 [num_samples, 2]."""
    rng = np.random.default_rng(seed)
    centers = np.asarray(centers, dtype=np.float64)
    picks = rng.integers(len(centers), size=num_samples)
    return (centers[picks] + std * rng.standard_normal((num_samples, centers.shape[1]))).astype(np.float32)


def swiss_roll(num_samples, noise=0.05, seed=None):
    """A 2-D Swiss roll scaled to about [-1, 1]^2, float32 [num_samples, 2]."""
    rng = np.random.default_rng(seed)
    t = 1.5 * np.pi * (1 + 2 * rng.random(num_samples))
    points = np.stack([t * np.cos(t), t * np.sin(t)], axis=1) / 15.0
    return (points + noise * rng.standard_normal(points.shape)).astype(np.float32)


TOY_DISTRIBUTIONS = {
    "ring": (ring_centers(), RING_STD),
    "grid": (grid_centers(), GRID_STD),
}


def toy_samples(name, num_samples, seed=None):
    """Samples of "ring", "grid" or "swiss_roll"."""
    if name == "swiss_roll":
        return swiss_roll(num_samples, seed=seed)
    if name not in TOY_DISTRIBUTIONS:
        raise ValueError(
            f"Unknown toy distribution {name!r}; choose from "
            f"{sorted(TOY_DISTRIBUTIONS) + ['swiss_roll']}."
        )
    centers, std = TOY_DISTRIBUTIONS[name]
    return sample_mixture(centers, std, num_samples, seed=seed)


def toy_dataset(name, batch_size, num_samples=100_000, seed=None, output="auto"):
    """Shuffled batches of a toy distribution (`output` as in `kerasgan.data.pipelines`)."""
    return batches(toy_samples(name, num_samples, seed=seed), batch_size, seed=seed, output=output)
