"""Kernel Inception Distance (Binkowski et al. 2018, "Demystifying MMD GANs").

The unbiased estimator of MMD^2 with the cubic polynomial kernel
k(x, y) = (x . y / d + 1)^3, averaged over random subsets. Unlike FID it is
unbiased in the sample count, so it can be negative; values are returned as
they are.
"""

import numpy as np

from kerasgan.metrics import defaults
from kerasgan.metrics.features import feature_pair


def polynomial_kernel(x, y):
    return (x @ y.T / x.shape[1] + 1.0) ** 3


def unbiased_mmd2(x, y):
    """Unbiased MMD^2 between two [m, d] sets with the cubic polynomial kernel."""
    m, n = len(x), len(y)
    k_xx, k_yy, k_xy = polynomial_kernel(x, x), polynomial_kernel(y, y), polynomial_kernel(x, y)
    within_x = (k_xx.sum() - np.trace(k_xx)) / (m * (m - 1))
    within_y = (k_yy.sum() - np.trace(k_yy)) / (n * (n - 1))
    return float(within_x + within_y - 2.0 * k_xy.mean())


def kid_from_activations(
    activations1, activations2, num_subsets=defaults.KID_NUM_SUBSETS, subset_size=defaults.KID_SUBSET_SIZE, seed=0
):
    """Returns (mean, std) of unbiased MMD^2 over `num_subsets` random subsets.

    Each subset draws `subset_size` rows without replacement from each set.
    With `num_subsets=1` and `subset_size` equal to both set sizes the result
    is the unbiased estimator on all samples.
    """
    x, y = feature_pair(activations1, activations2, ("First activations", "Second activations"))
    if subset_size < 2:
        raise ValueError(f"subset_size must be at least 2, got {subset_size}.")
    for name, values in (("first", x), ("second", y)):
        if len(values) < subset_size:
            raise ValueError(
                f"The {name} set has {len(values)} samples, fewer than subset_size="
                f"{subset_size}; pass a smaller subset_size or more samples."
            )
    rng = np.random.default_rng(seed)
    estimates = [
        unbiased_mmd2(
            x[rng.choice(len(x), subset_size, replace=False)],
            y[rng.choice(len(y), subset_size, replace=False)],
        )
        for _ in range(num_subsets)
    ]
    return float(np.mean(estimates)), float(np.std(estimates))
