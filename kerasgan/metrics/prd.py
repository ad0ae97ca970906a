"""Precision and recall for distributions (Sajjadi et al. 2018, "Assessing
generative models via precision and recall").

Both sets are clustered together with k-means; the cluster histograms P
(real) and Q (fake) give, for slopes lambda = tan(theta), precision
alpha(lambda) = sum_w min(lambda P(w), Q(w)) and recall
beta(lambda) = alpha(lambda) / lambda. The curve is averaged over several
clusterings; F_8 and F_1/8 summarise recall and precision.
"""

import numpy as np
from kerasgan.metrics import defaults

# Keeps the end slopes finite: theta in [EPSILON, pi/2 - EPSILON].
ANGLE_EPSILON = 1e-10


def _cluster_histograms(real, fake, num_clusters, seed):
    from sklearn.cluster import MiniBatchKMeans

    kmeans = MiniBatchKMeans(n_clusters=num_clusters, n_init=10, random_state=seed)
    labels = kmeans.fit_predict(np.concatenate([real, fake]))
    real_histogram = np.bincount(labels[: len(real)], minlength=num_clusters) / len(real)
    fake_histogram = np.bincount(labels[len(real) :], minlength=num_clusters) / len(fake)
    return real_histogram, fake_histogram


def prd_from_histograms(real_histogram, fake_histogram, num_angles=1001):
    """Returns (precision, recall) arrays along `num_angles` slopes."""
    slopes = np.tan(np.linspace(ANGLE_EPSILON, np.pi / 2 - ANGLE_EPSILON, num_angles))
    precision = np.minimum(real_histogram[None, :] * slopes[:, None], fake_histogram[None, :]).sum(axis=1)
    recall = precision / slopes
    return np.clip(precision, 0.0, 1.0), np.clip(recall, 0.0, 1.0)


def prd_curve(real, fake, num_clusters=20, num_angles=1001, num_runs=10, seed=0):
    """PRD curve of fake against real [n, d] features, averaged over `num_runs` clusterings."""
    real, fake = np.asarray(real, np.float64), np.asarray(fake, np.float64)
    if real.ndim != 2 or fake.ndim != 2 or real.shape[1] != fake.shape[1]:
        raise ValueError(f"Features must be [n, d] with equal d, got {real.shape} and {fake.shape}.")
    if min(len(real), len(fake)) < num_clusters:
        raise ValueError(f"Each set needs at least num_clusters={num_clusters} samples.")
    curves = [
        prd_from_histograms(*_cluster_histograms(real, fake, num_clusters, seed + run), num_angles)
        for run in range(num_runs)
    ]
    precision = np.mean([c[0] for c in curves], axis=0)
    recall = np.mean([c[1] for c in curves], axis=0)
    return precision, recall


def prd_f_beta(precision, recall, beta=defaults.PRD_BETA):
    """Returns (max F_beta, max F_1/beta) along a PRD curve: recall- and precision-weighted."""

    def f_beta(b):
        denominator = b * b * precision + recall
        values = np.where(denominator > 0, (1 + b * b) * precision * recall / np.maximum(denominator, 1e-300), 0.0)
        return float(values.max())

    return f_beta(beta), f_beta(1.0 / beta)
