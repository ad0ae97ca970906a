"""Class-conditional sample metrics: does a sample show the class it was generated for?"""

import numpy as np

from kerasgan.metrics.frechet import fid_from_activations


def class_agreement(fake_logits, fake_labels):
    """The fraction of samples whose classifier logits name the class they were generated for
    (ACGAN's "accuracy" of Odena et al. 2017, and the class-agreement measure of cGAN papers)."""
    fake_logits, fake_labels = np.asarray(fake_logits), np.asarray(fake_labels)
    if fake_logits.ndim != 2 or len(fake_logits) != len(fake_labels):
        raise ValueError(f"Need [n, classes] logits and n labels, got {fake_logits.shape} and {fake_labels.shape}.")
    return float((fake_logits.argmax(axis=1) == fake_labels).mean())


def intra_class_fid(real_features, real_labels, fake_features, fake_labels):
    """Frechet distance within each class, averaged over the classes the samples cover
    (Miyato & Koyama 2018's intra-FID); returns (mean, {class: distance})."""
    real_labels, fake_labels = np.asarray(real_labels), np.asarray(fake_labels)
    per_class = {}
    for label in np.unique(fake_labels):
        real = real_features[real_labels == label]
        if len(real) < 2:
            raise ValueError(f"Class {label} has {len(real)} real examples; intra-class FID needs at least 2.")
        per_class[int(label)] = fid_from_activations(real, fake_features[fake_labels == label])
    return float(np.mean(list(per_class.values()))), per_class
