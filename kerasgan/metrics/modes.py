"""Mode coverage on data with known modes (the PacGAN / VEEGAN protocol)."""

import numpy as np


def mode_coverage(samples, centers, std, num_std=3.0):
    """Counts captured modes and the share of high-quality samples.

    A sample is high quality when it lies within `num_std` standard
    deviations of its nearest mode; a mode is captured when at least one
    high-quality sample is assigned to it (Lin et al. 2018, PacGAN).

    Returns:
        dict with "modes" (captured count), "num_modes", "high_quality"
        (fraction of samples) and "counts" (high-quality samples per mode).
    """
    samples = np.asarray(samples, dtype=np.float64)
    centers = np.asarray(centers, dtype=np.float64)
    if samples.ndim != 2 or centers.ndim != 2 or samples.shape[1] != centers.shape[1]:
        raise ValueError(
            f"samples {samples.shape} and centers {centers.shape} must be "
            "[n, d] arrays with the same d."
        )
    if len(samples) == 0:
        raise ValueError("mode_coverage needs at least one sample.")
    distances = np.linalg.norm(samples[:, None, :] - centers[None, :, :], axis=-1)
    nearest = distances.argmin(axis=1)
    high_quality = distances[np.arange(len(samples)), nearest] <= num_std * std
    counts = np.bincount(nearest[high_quality], minlength=len(centers))
    return {
        "modes": int((counts > 0).sum()),
        "num_modes": len(centers),
        "high_quality": float(high_quality.mean()),
        "counts": counts,
    }
