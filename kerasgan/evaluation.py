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


def score_features(
    metric_names, real_features, fake_features, fake_logits=None, options=None, real_labels=None, fake_labels=None
):
    """{log name: value} of each metric in `metric_names` (registry names).

    Args:
        real_features, fake_features: [n, d] features of real and generated
            images (`real_features` may be None when no metric needs them).
        fake_logits: a callable returning the extractor's logits of the
            generated images, called only if a metric uses them.
        options: {metric name: keyword arguments of its `compute`}.
        real_labels, fake_labels: the classes of the real images and those
            the samples were generated for, for class-conditional metrics.
    """
    results = {}
    for name in metric_names:
        metric = METRICS.get(name)
        fake = fake_logits() if metric.uses_logits else fake_features
        keywords = dict((options or {}).get(name, {}))
        if metric.uses_labels:
            if fake_labels is None or (metric.needs_reference and real_labels is None):
                needed = "fake_labels and real_labels" if metric.needs_reference else "fake_labels"
                raise ValueError(f"The metric {name!r} is class-conditional: pass {needed}.")
            keywords["fake_labels"] = np.asarray(fake_labels)
            if metric.needs_reference:
                keywords["real_labels"] = np.asarray(real_labels)
        results.update(metric.compute(real_features, fake, **keywords))
    return results


def evaluate_samples(
    fake_images,
    real_images,
    extractor,
    metric_names=ALL_METRICS,
    reference=None,
    options=None,
    real_labels=None,
    fake_labels=None,
):
    """Scores generated images against real ones; returns a flat dict of figures.

    Args:
        fake_images, real_images: images in [-1, 1], NHWC (`real_images` may
            be None when no metric compares with them).
        extractor: registry name, `keras.Model` or `FeatureExtractor`.
        metric_names: names from the metric registry (`available_metrics()`).
        reference: precomputed real features (e.g. from the cache), optional.
        options: {metric name: keyword arguments}, e.g. {"kid": {"subset_size": 500}}.
        real_labels, fake_labels: classes of the real images and of the
            samples, for class-conditional metrics ("class_agreement", "intra_fid").
    """
    check_metric_names(metric_names)  # before any work
    extractor = metrics.get_extractor(extractor)
    started = time.perf_counter()
    if reference is None and any(METRICS.get(name).needs_reference for name in metric_names):
        reference = extractor.features(real_images)
    fake = extractor.features(fake_images)
    results = {"num_real": 0 if reference is None else len(reference), "num_fake": len(fake), **extractor.config}
    results.update(
        score_features(
            metric_names, reference, fake, lambda: extractor.logits(fake_images), options, real_labels, fake_labels
        )
    )
    results["seconds"] = time.perf_counter() - started
    return {key: (float(value) if isinstance(value, (np.floating, float)) else value) for key, value in results.items()}


CONDITIONAL_METRICS = ("class_agreement", "intra_fid")


def evaluate_on_mnist(source, data_dir=None, split="validation", num_samples=None, seed=0, metric_names=None,
                      extractor="mnist_classifier"):
    """Scores a GAN, zoo entry, saved GAN or generator (`kerasgan.sampling.Sampler`) against an MNIST split.

    Draws `num_samples` (default 5,000) samples from seeded latents, every
    class equally often for a conditional generator, and scores them with
    `metric_names` (default: every standard metric, and class agreement and
    intra-class FID for a conditional generator) on `extractor`'s features
    of the split's first `num_samples` images (cached). What `kerasgan
    evaluate` prints and what the zoo's model cards report.
    """
    from kerasgan import data
    from kerasgan.metrics import defaults
    from kerasgan.sampling import Sampler

    if metric_names:
        check_metric_names(metric_names)  # before loading data or the model
    sampler = Sampler(source)
    metric_names = tuple(metric_names or ALL_METRICS + (CONDITIONAL_METRICS if sampler.num_classes is not None else ()))
    extractor = metrics.get_extractor(extractor)
    num_samples = num_samples or defaults.NUM_SAMPLES
    real, real_labels = data.load_mnist(data_dir, split=split, with_labels=True)
    real, real_labels = data.scale_images(real[:num_samples]), real_labels[:num_samples]
    labels = sampler.labels_for(num_samples)
    fake = sampler.generate(num_samples, labels=labels, seed=seed)
    if fake.shape[1:3] != real.shape[1:3]:
        fake = data.crop_padding(fake, side=real.shape[1])  # a generator of padded digits (ProGAN's 32x32)
    reference = metrics.reference_activations(real, "mnist", split, extractor)
    results = evaluate_samples(fake, real, extractor, metric_names, reference=reference, real_labels=real_labels,
                               fake_labels=labels)
    return {**results, "model": sampler.name, "split": f"mnist/{split}", "seed": seed}
