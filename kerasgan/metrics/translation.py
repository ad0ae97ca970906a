"""Image-to-image metrics on aligned batches of images in [-1, 1] (numpy, NHWC).

- `mean_l1` and `psnr` compare translations with their true targets
  (pix2pix's paired evaluation); PSNR is on the [0, 255] scale.
- `sharpness_ratio` is the mean squared Laplacian (high-frequency energy) of
  the translations over that of the targets: 1 is as sharp as the real
  images, an L1-only regression falls well below (the blur the pix2pix
  ablation shows).
- `nearest_color_labels` and `label_scores` score translations into a
  colour-coded label map (CycleGAN's photo -> labels evaluation): each pixel
  takes the label of the nearest palette colour; `per_image_gain` says,
  with a bootstrap interval over the images, whether a translation's lead
  over a baseline is more than the luck of a small validation split.
"""

import numpy as np

from kerasgan.metrics.swd import sliced_wasserstein_distance


def _aligned(translated, targets):
    translated = np.asarray(translated, dtype=np.float64)
    targets = np.asarray(targets, dtype=np.float64)
    if translated.shape != targets.shape or translated.ndim != 4:
        raise ValueError(f"Need two NHWC batches of one shape, got {translated.shape} and {targets.shape}.")
    return translated, targets


def mean_l1(translated, targets):
    """Mean absolute difference per pixel and channel, on the [-1, 1] scale."""
    translated, targets = _aligned(translated, targets)
    return float(np.mean(np.abs(translated - targets)))


def psnr(translated, targets):
    """Peak signal-to-noise ratio in dB, per image on the [0, 255] scale, averaged over images."""
    translated, targets = _aligned(translated, targets)
    squared = np.mean(((translated - targets) * 127.5) ** 2, axis=(1, 2, 3))
    return float(np.mean(10.0 * np.log10(255.0**2 / np.maximum(squared, 1e-10))))


def laplacian_energy(images):
    """Mean squared 4-neighbour Laplacian of each image's interior pixels, averaged over images."""
    images = np.asarray(images, dtype=np.float64)
    centre = images[:, 1:-1, 1:-1]
    laplacian = images[:, :-2, 1:-1] + images[:, 2:, 1:-1] + images[:, 1:-1, :-2] + images[:, 1:-1, 2:] - 4 * centre
    return float(np.mean(laplacian**2))


def sharpness_ratio(translated, targets):
    """High-frequency energy of the translations relative to the targets' (1 = as sharp as real)."""
    translated, targets = _aligned(translated, targets)
    return laplacian_energy(translated) / laplacian_energy(targets)


def nearest_color_labels(images, palette):
    """The index of the nearest `palette` colour ([K, 3], uint8 or [-1, 1]) for each pixel: [N, H, W]."""
    palette = np.asarray(palette)
    palette = palette / 127.5 - 1.0 if palette.dtype == np.uint8 else palette.astype(np.float64)
    images = np.asarray(images, dtype=np.float64)
    distances = ((images[..., None, :] - palette) ** 2).sum(axis=-1)
    return distances.argmin(axis=-1)


def confusion_scores(predicted, true, num_labels):
    """{"per_pixel_accuracy", "per_class_accuracy", "class_iou"} of label indices (any shape): the
    three figures of the CycleGAN paper's photo -> labels table (Zhu et al. 2017, Table 2). Per class
    means run over the labels that occur in `true`."""
    counts = np.bincount(np.ravel(true) * num_labels + np.ravel(predicted), minlength=num_labels ** 2)
    confusion = counts.reshape(num_labels, num_labels).astype(np.float64)
    hits, in_true, in_predicted = np.diag(confusion), confusion.sum(axis=1), confusion.sum(axis=0)
    present = in_true > 0
    return {
        "per_pixel_accuracy": float(hits.sum() / confusion.sum()),
        "per_class_accuracy": float(np.mean(hits[present] / in_true[present])),
        "class_iou": float(np.mean(hits[present] / (in_true + in_predicted - hits)[present])),
    }


def bootstrap_mean_interval(values, level=0.95, resamples=10_000, seed=0):
    """(low, high): the percentile bootstrap interval of the mean of `values`, resampled with
    replacement `resamples` times (Efron & Tibshirani 1993, ch. 13)."""
    values = np.asarray(values, dtype=np.float64)
    means = np.random.default_rng(seed).choice(values, size=(resamples, len(values))).mean(axis=1)
    tail = (1.0 - level) / 2.0
    low, high = np.quantile(means, [tail, 1.0 - tail])
    return float(low), float(high)


def per_image_gain(predicted, baseline, true):
    """Each image's per-pixel accuracy of `predicted` minus that of `baseline` (label indices [N, H, W]),
    summarised for a small validation split: the mean, its 95% bootstrap interval over the images,
    and on how many images `predicted` is ahead."""
    gains = np.mean(predicted == true, axis=(1, 2)) - np.mean(baseline == true, axis=(1, 2))
    return {"mean": round(float(gains.mean()), 4),
            "interval_95": [round(bound, 4) for bound in bootstrap_mean_interval(gains)],
            "images_ahead": int(np.sum(gains > 0)),
            "images": len(gains)}


def label_scores(translated, targets, palette, training_targets):
    """Photo -> labels figures of translated label maps against the true ones, each pixel mapped to
    its nearest `palette` colour: per-pixel and per-class accuracy and class IoU, the same for the
    constant baseline that gives every pixel the most frequent label of `training_targets`, and the
    per-pixel gain over that baseline image by image (`per_image_gain`)."""
    translated, targets = _aligned(translated, targets)
    true = nearest_color_labels(targets, palette)
    most_frequent = np.bincount(nearest_color_labels(training_targets, palette).ravel()).argmax()
    predicted, constant = nearest_color_labels(translated, palette), np.full_like(true, most_frequent)
    scores = confusion_scores(predicted, true, len(palette))
    baseline = confusion_scores(constant, true, len(palette))
    return {**{name: round(value, 4) for name, value in scores.items()},
            "most_frequent_label_baseline": {name: round(value, 4) for name, value in baseline.items()},
            "per_pixel_gain_over_baseline": per_image_gain(predicted, constant, true)}


def paired_scores(translated, targets):
    """{"l1", "psnr", "sharpness_ratio", "swd"} of translations against their true targets: the
    per-pixel errors of pix2pix's evaluation, and two realism measures (`sharpness_ratio`, and the
    sliced Wasserstein distance of `kerasgan.metrics.swd`, lower is more realistic)."""
    return {
        "l1": round(mean_l1(translated, targets), 4),
        "psnr": round(psnr(translated, targets), 3),
        "sharpness_ratio": round(sharpness_ratio(translated, targets), 4),
        "swd": round(sliced_wasserstein_distance(translated, targets)["swd"], 2),
    }
