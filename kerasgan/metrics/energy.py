"""The energy distance (Szekely & Rizzo 2004), the divergence the Cramer GAN trains on (Bellemare et al. 2017)."""

import numpy as np

BLOCK_ROWS = 1024


def _mean_pairwise_distance(a, b, exclude_diagonal):
    """Mean Euclidean distance between the rows of `a` and `b` (i != j when `exclude_diagonal`),
    computed in blocks of rows so that memory stays O(BLOCK_ROWS * len(b))."""
    total = 0.0
    b_squares = np.sum(b**2, axis=1)
    for start in range(0, len(a), BLOCK_ROWS):
        block = a[start : start + BLOCK_ROWS]
        squares = np.sum(block**2, axis=1)[:, None] + b_squares[None, :] - 2.0 * block @ b.T
        distances = np.sqrt(np.maximum(squares, 0.0))
        if exclude_diagonal:
            rows = np.arange(len(block))
            distances[rows, start + rows] = 0.0
        total += distances.sum()
    pairs = len(a) * (len(b) - 1) if exclude_diagonal else len(a) * len(b)
    return total / pairs


def energy_distance(x, y):
    """Unbiased estimate of the energy distance 2 E|X - Y| - E|X - X'| - E|Y - Y'| between two samples.

    `x` and `y` are [n, ...] and [m, ...] arrays (raw tabular rows, images
    or features; flattened per example), n, m >= 2. The within-sample means
    leave out each point's distance to itself (U-statistics), so the
    estimate is unbiased and can be slightly negative when the samples come
    from one distribution. Zero in expectation if and only if the
    distributions are equal; the square root is a metric.
    """
    x = np.asarray(x, dtype=np.float64).reshape(len(x), -1)
    y = np.asarray(y, dtype=np.float64).reshape(len(y), -1)
    if len(x) < 2 or len(y) < 2 or x.shape[1] != y.shape[1]:
        raise ValueError(f"Need two samples of at least 2 rows with one width, got {x.shape} and {y.shape}.")
    return (
        2.0 * _mean_pairwise_distance(x, y, exclude_diagonal=False)
        - _mean_pairwise_distance(x, x, exclude_diagonal=True)
        - _mean_pairwise_distance(y, y, exclude_diagonal=True)
    )
