"""Evaluate a generator against real images with every sample-based metric."""

import time

import numpy as np

from kerasgan import metrics

ALL_METRICS = ("fid", "kid", "inception_score", "precision_recall", "density_coverage", "prd")


def evaluate_samples(fake_images, real_images, extractor, metric_names=ALL_METRICS, reference=None):
    """Scores generated images against real ones; returns a flat dict of figures.

    Args:
        fake_images, real_images: images in [-1, 1], NHWC.
        extractor: registry name, `keras.Model` or `FeatureExtractor`.
        reference: precomputed real features (e.g. from the cache), optional.
    """
    unknown = set(metric_names) - set(ALL_METRICS)
    if unknown:
        raise ValueError(f"Unknown metrics {sorted(unknown)}; choose from {ALL_METRICS}.")
    extractor = metrics.get_extractor(extractor)
    started = time.perf_counter()
    real = extractor.features(real_images) if reference is None else reference
    fake = extractor.features(fake_images)
    results = {"num_real": len(real), "num_fake": len(fake), **extractor.config}
    if "fid" in metric_names:
        results["fid"] = metrics.fid_from_activations(real, fake)
    if "kid" in metric_names:
        subset = min(1000, len(real), len(fake))
        results["kid"], results["kid_std"] = metrics.kid_from_activations(real, fake, subset_size=subset)
    if "inception_score" in metric_names:
        results["inception_score"], results["inception_score_std"] = metrics.inception_score_from_logits(
            extractor.logits(fake_images)
        )
    if "precision_recall" in metric_names:
        results.update(metrics.precision_recall(real, fake))
    if "density_coverage" in metric_names:
        results.update(metrics.density_coverage(real, fake))
    if "prd" in metric_names:
        results["prd_f8"], results["prd_f1_8"] = metrics.prd_f_beta(*metrics.prd_curve(real, fake))
    results["seconds"] = time.perf_counter() - started
    return {key: (float(value) if isinstance(value, (np.floating, float)) else value) for key, value in results.items()}
