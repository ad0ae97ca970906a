"""Image-to-image metrics on aligned batches of images in [-1, 1] (numpy, NHWC).

- `mean_l1` and `psnr` compare translations with their true targets
  (pix2pix's paired evaluation); PSNR is on the [0, 255] scale.
- `sharpness_ratio` is the mean squared Laplacian (high-frequency energy) of
  the translations over that of the targets: 1 is as sharp as the real
  images, an L1-only regression falls well below (the blur the pix2pix
  ablation shows).
- `nearest_color_labels` and `label_scores` score translations into a
  colour-coded label map (CycleGAN's photo -> labels evaluation): each pixel
  takes the label of the nearest palette colour, beside three baselines;
  `gain_over_baseline` says, with bootstrap intervals over the images, whether
  a translation's lead over a baseline is more than the luck of a small
  validation split.
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


def _confusions(predicted, true, num_labels):
    """Each image's confusion matrix [N, K, K] (true label along rows) of label indices [N, ...]."""
    true, predicted = np.asarray(true), np.asarray(predicted)
    images = np.arange(len(true)).reshape((-1,) + (1,) * (true.ndim - 1))
    cells = (images * num_labels + true) * num_labels + predicted
    counts = np.bincount(cells.ravel(), minlength=len(true) * num_labels**2)
    return counts.reshape(len(true), num_labels, num_labels).astype(np.float64)


def _figures(confusion):
    """The three figures of confusion matrices [..., K, K]; per class means run over the labels
    that occur (in the true labels) in each matrix."""
    hits = np.diagonal(confusion, axis1=-2, axis2=-1)
    in_true, in_predicted = confusion.sum(axis=-1), confusion.sum(axis=-2)
    present = in_true > 0
    with np.errstate(divide="ignore", invalid="ignore"):
        per_class = np.where(present, hits / in_true, 0.0)
        iou = np.where(present, hits / (in_true + in_predicted - hits), 0.0)
    return {
        "per_pixel_accuracy": hits.sum(axis=-1) / in_true.sum(axis=-1),
        "per_class_accuracy": per_class.sum(axis=-1) / present.sum(axis=-1),
        "class_iou": iou.sum(axis=-1) / present.sum(axis=-1),
    }


def confusion_scores(predicted, true, num_labels):
    """{"per_pixel_accuracy", "per_class_accuracy", "class_iou"} of label indices (any shape): the
    three figures of the CycleGAN paper's photo -> labels table (Zhu et al. 2017, Table 2). Per class
    means run over the labels that occur in `true`."""
    confusion = _confusions(np.ravel(predicted)[None], np.ravel(true)[None], num_labels)[0]
    return {name: float(value) for name, value in _figures(confusion).items()}


def _differences(model_confusions, baseline_confusions):
    """{figure: model's minus baseline's} of two stacks of confusion matrices."""
    baseline = _figures(baseline_confusions)
    return {name: value - baseline[name] for name, value in _figures(model_confusions).items()}


def gain_over_baseline(predicted, baseline, true, num_labels, resamples=10_000, seed=0):
    """How far `predicted` leads `baseline` (label indices [N, H, W] against `true`) on each of the
    three figures, summarised for a small validation split: the gain on the whole split, its 95%
    percentile bootstrap interval over the images (Efron & Tibshirani 1993, ch. 13: the images are
    resampled with replacement and both confusion matrices pooled over each resample, so the two
    are compared on the same images), and on how many images `predicted` is ahead per pixel.
    An interval above 0 says the lead is more than the luck of which images were held out."""
    model, reference = _confusions(predicted, true, num_labels), _confusions(baseline, true, num_labels)
    images = len(true)
    draws = np.random.default_rng(seed).integers(0, images, (resamples, images))
    # How often each image is drawn in each resample: [resamples, images].
    weights = np.bincount((np.arange(resamples)[:, None] * images + draws).ravel(), minlength=resamples * images)
    weights = weights.reshape(resamples, images).astype(np.float64)
    whole = _differences(model.sum(axis=0), reference.sum(axis=0))
    resampled = _differences(np.tensordot(weights, model, axes=1), np.tensordot(weights, reference, axes=1))
    gains = {}
    for name, gain in whole.items():
        low, high = np.quantile(resampled[name], [0.025, 0.975])
        gains[name] = {"gain": round(float(gain), 4), "interval_95": [round(float(low), 4), round(float(high), 4)]}
    per_image = _differences(model, reference)["per_pixel_accuracy"]
    gains["per_pixel_accuracy"]["images_ahead"] = int(np.sum(per_image > 0))
    return {**gains, "images": images}


def _rounded(figures):
    return {name: round(float(value), 4) for name, value in figures.items()}


def label_scores(translated, targets, palette, training_targets):
    """Photo -> labels figures of translated label maps against the true ones, each pixel mapped to
    its nearest `palette` colour: per-pixel and per-class accuracy and class IoU, the same figures of
    three baselines, and the gains over each with 95% intervals over the images (`gain_over_baseline`).

    The baselines, from `training_targets` (label maps of the targets' size) and the translations:
    - "most_frequent_label": every pixel the most frequent training label, the floor any
      segmenter of imbalanced labels has to clear;
    - "positional_prior": each pixel the training label most frequent at its position (the average
      layout, such as sky at the top), which no image's content informs;
    - "unaligned": the translation of the next image (cyclically) scored against this image's labels,
      that is the translator's own label frequencies and layout with the image's content taken away.
      A gain over it is the part of the score that follows the image. It matters most for IoU, which
      rewards a map for having the right label frequencies alone: any image's true map, put beside
      another image, has a higher IoU than the constant baseline.
    """
    translated, targets = _aligned(translated, targets)
    true, training = nearest_color_labels(targets, palette), nearest_color_labels(training_targets, palette)
    if training.shape[1:] != true.shape[1:]:
        raise ValueError(f"Need training label maps of the targets' size {true.shape[1:]}, got {training.shape[1:]}.")
    predicted, num_labels = nearest_color_labels(translated, palette), len(palette)
    per_position = np.stack([np.sum(training == label, axis=0) for label in range(num_labels)], axis=-1)
    baselines = {
        "most_frequent_label": np.full_like(true, np.bincount(training.ravel(), minlength=num_labels).argmax()),
        "positional_prior": np.broadcast_to(per_position.argmax(axis=-1), true.shape),
        "unaligned": np.roll(predicted, 1, axis=0),
    }
    return {**_rounded(confusion_scores(predicted, true, num_labels)),
            "baselines": {name: _rounded(confusion_scores(labels, true, num_labels))
                          for name, labels in baselines.items()},
            "gains": {name: gain_over_baseline(predicted, labels, true, num_labels)
                      for name, labels in baselines.items()}}


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
