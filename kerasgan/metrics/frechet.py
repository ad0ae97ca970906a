"""Frechet distance between Gaussians fitted to features (FID, Heusel et al. 2017).

d^2 = ||mu1 - mu2||^2 + Tr(S1 + S2 - 2 (S1 S2)^(1/2)).

Tr((S1 S2)^(1/2)) is computed without a general matrix square root: the
eigenvalues of S1 S2 are those of the symmetric positive semi-definite
matrix F^T S2 F for any factor F with S1 = F F^T, so the trace is the sum of
the square roots of these eigenvalues (values only). When S1 is positive
definite one LAPACK call finds them: `scipy.linalg.eigh(S2, S1, type=2)`
(the pencil "a b x = lambda x": a Cholesky factor of S1, the symmetric
reduction to F^T S2 F, and a symmetric eigensolver). When S1 is singular
(fewer samples than features), F is its symmetric square root from an
eigendecomposition. Tiny negative eigenvalues from round-off are clipped to
zero, so rank-deficient covariances give a finite real value, never NaN or
a complex number. Best of three at 2048 features, alternating with
`scipy.linalg.sqrtm`: about 18x faster (tools/benchmark_metrics.py).
"""

import numpy as np
from scipy import linalg

from kerasgan.metrics.features import as_features, feature_pair


def _check_statistics(mu1, sigma1, mu2, sigma2):
    mu1, mu2 = np.atleast_1d(np.asarray(mu1, np.float64)), np.atleast_1d(np.asarray(mu2, np.float64))
    sigma1, sigma2 = np.atleast_2d(np.asarray(sigma1, np.float64)), np.atleast_2d(np.asarray(sigma2, np.float64))
    if mu1.shape != mu2.shape:
        raise ValueError(f"Mean vectors differ in size: {mu1.shape} vs {mu2.shape}.")
    if sigma1.shape != sigma2.shape or sigma1.shape != (mu1.size, mu1.size):
        raise ValueError(
            f"Covariances {sigma1.shape} and {sigma2.shape} must both be "
            f"{mu1.size}x{mu1.size} to match the means."
        )
    for name, value in (("mu1", mu1), ("sigma1", sigma1), ("mu2", mu2), ("sigma2", sigma2)):
        if not np.all(np.isfinite(value)):
            raise ValueError(f"{name} contains NaN or infinite values.")
    return mu1, sigma1, mu2, sigma2


def _psd_sqrt(matrix):
    eigenvalues, eigenvectors = np.linalg.eigh((matrix + matrix.T) / 2.0)
    return (eigenvectors * np.sqrt(np.clip(eigenvalues, 0.0, None))) @ eigenvectors.T


def trace_sqrt_product(sigma1, sigma2):
    """Tr((sigma1 sigma2)^(1/2)) for symmetric PSD matrices, in float64."""
    try:
        eigenvalues = linalg.eigh(sigma2, sigma1, type=2, eigvals_only=True, driver="gv", check_finite=False)
    except linalg.LinAlgError:  # sigma1 is singular: factor it by its symmetric square root
        factor = _psd_sqrt(sigma1)
        middle = factor.T @ sigma2 @ factor
        eigenvalues = np.linalg.eigvalsh((middle + middle.T) / 2.0)
    return float(np.sqrt(np.clip(eigenvalues, 0.0, None)).sum())


def frechet_distance(mu1, sigma1, mu2, sigma2):
    """Squared Frechet distance between N(mu1, sigma1) and N(mu2, sigma2)."""
    mu1, sigma1, mu2, sigma2 = _check_statistics(mu1, sigma1, mu2, sigma2)
    mean_term = float(np.sum((mu1 - mu2) ** 2))
    return mean_term + float(np.trace(sigma1) + np.trace(sigma2)) - 2.0 * trace_sqrt_product(sigma1, sigma2)


def activation_statistics(activations):
    """Mean and unbiased covariance of [n, d] activations, in float64."""
    activations = as_features("Activations", activations)
    if len(activations) < 2:
        raise ValueError(f"At least 2 activation rows are needed, got {len(activations)}.")
    return activations.mean(axis=0), np.cov(activations, rowvar=False)


def fid_from_activations(activations1, activations2):
    """Frechet distance between two [n, d] activation sets."""
    a1, a2 = feature_pair(activations1, activations2, ("First activations", "Second activations"))
    return frechet_distance(*activation_statistics(a1), *activation_statistics(a2))


def scipy_frechet_distance(mu1, sigma1, mu2, sigma2, eps=1e-6):
    """The TTUR / pytorch-fid formula with `scipy.linalg.sqrtm` and its eps*I retry.

    Slow (a general matrix square root) and kept as the reference that
    `frechet_distance` is tested and benchmarked against.
    """
    mu1, sigma1, mu2, sigma2 = _check_statistics(mu1, sigma1, mu2, sigma2)
    diff = mu1 - mu2
    covmean = linalg.sqrtm(sigma1.dot(sigma2))
    if not np.isfinite(covmean).all():
        offset = np.eye(sigma1.shape[0]) * eps
        covmean = linalg.sqrtm((sigma1 + offset).dot(sigma2 + offset))
    return float(diff.dot(diff) + np.trace(sigma1) + np.trace(sigma2) - 2 * np.trace(covmean.real))
