"""Evaluate a generator against real images with the registered sample-based metrics."""

import time

import numpy as np

from kerasgan import metrics
from kerasgan.metrics.registry import METRICS
from kerasgan.metrics.standard import STANDARD_METRICS

ALL_METRICS = tuple(STANDARD_METRICS)


def check_metric_names(metric_names):
    """Raises, listing the known ones, if a name is not a registered metric."""
    for name in metric_names:
        METRICS.get(name)


def score_features(metric_names, real_features, fake_features, fake_logits=None, options=None):
    """{log name: value} of each metric in `metric_names` (registry names).

    Args:
        real_features, fake_features: [n, d] features of real and generated
            images (`real_features` may be None when no metric needs them).
        fake_logits: a callable returning the extractor's logits of the
            generated images, called only if a metric uses them.
        options: {metric name: keyword arguments of its `compute`}.
    """
    results = {}
    for name in metric_names:
        metric = METRICS.get(name)
        fake = fake_logits() if metric.uses_logits else fake_features
        results.update(metric.compute(real_features, fake, **(options or {}).get(name, {})))
    return results


def evaluate_samples(fake_images, real_images, extractor, metric_names=ALL_METRICS, reference=None, options=None):
    """Scores generated images against real ones; returns a flat dict of figures.

    Args:
        fake_images, real_images: images in [-1, 1], NHWC.
        extractor: registry name, `keras.Model` or `FeatureExtractor`.
        metric_names: names from the metric registry (`available_metrics()`).
        reference: precomputed real features (e.g. from the cache), optional.
        options: {metric name: keyword arguments}, e.g. {"kid": {"subset_size": 500}}.
    """
    check_metric_names(metric_names)  # before any work
    extractor = metrics.get_extractor(extractor)
    started = time.perf_counter()
    real = extractor.features(real_images) if reference is None else reference
    fake = extractor.features(fake_images)
    results = {"num_real": len(real), "num_fake": len(fake), **extractor.config}
    results.update(score_features(metric_names, real, fake, lambda: extractor.logits(fake_images), options))
    results["seconds"] = time.perf_counter() - started
    return {key: (float(value) if isinstance(value, (np.floating, float)) else value) for key, value in results.items()}
