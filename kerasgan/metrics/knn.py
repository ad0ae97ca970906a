"""k-nearest-neighbour support estimates in feature space.

- Precision and recall (Kynkaanniemi et al. 2019, "Improved precision and
  recall metric for assessing generative models"): the support of each set
  is the union of balls around its samples, each with the radius to its k-th
  nearest neighbour in the same set; precision is the share of fakes inside
  the real support, recall the share of reals inside the fake support.
- Density and coverage (Naeem et al. 2020, "Reliable fidelity and diversity
  metrics for generative models"): density counts how many real balls hold
  each fake, divided by k; coverage is the share of real balls holding at
  least one fake.
"""

import numpy as np

from kerasgan.metrics import defaults
from kerasgan.metrics.features import feature_pair

# Rows of pairwise distances computed at once, to bound memory.
CHUNK = 1024


def pairwise_distances(a, b):
    """Euclidean distances [len(a), len(b)]."""
    squares = (a * a).sum(1)[:, None] + (b * b).sum(1)[None, :] - 2.0 * a @ b.T
    return np.sqrt(np.clip(squares, 0.0, None))


def kth_neighbour_radii(features, k):
    """Distance from each row to its k-th nearest other row."""
    if len(features) <= k:
        raise ValueError(f"Need more than k={k} samples for k-NN radii, got {len(features)}.")
    radii = np.empty(len(features))
    for start in range(0, len(features), CHUNK):
        distances = pairwise_distances(features[start : start + CHUNK], features)
        # Index k in the sorted row: index 0 is the point itself (distance 0).
        radii[start : start + CHUNK] = np.partition(distances, k, axis=1)[:, k]
    return radii


def _balls_containing(points, centers, radii):
    """For each point, how many balls (centers, radii) contain it."""
    counts = np.empty(len(points), dtype=np.int64)
    for start in range(0, len(points), CHUNK):
        distances = pairwise_distances(points[start : start + CHUNK], centers)
        counts[start : start + CHUNK] = (distances <= radii[None, :]).sum(axis=1)
    return counts


def precision_recall(real, fake, k=defaults.PRECISION_RECALL_K):
    """Returns {"precision", "recall"} (Kynkaanniemi et al. 2019)."""
    real, fake = feature_pair(real, fake)
    precision = (_balls_containing(fake, real, kth_neighbour_radii(real, k)) > 0).mean()
    recall = (_balls_containing(real, fake, kth_neighbour_radii(fake, k)) > 0).mean()
    return {"precision": float(precision), "recall": float(recall)}


def density_coverage(real, fake, k=defaults.DENSITY_COVERAGE_K):
    """Returns {"density", "coverage"} (Naeem et al. 2020)."""
    real, fake = feature_pair(real, fake)
    radii = kth_neighbour_radii(real, k)
    density = _balls_containing(fake, real, radii).sum() / (k * len(fake))
    nearest_fake = np.empty(len(real))
    for start in range(0, len(real), CHUNK):
        nearest_fake[start : start + CHUNK] = pairwise_distances(real[start : start + CHUNK], fake).min(axis=1)
    coverage = (nearest_fake <= radii).mean()
    return {"density": float(density), "coverage": float(coverage)}
