"""Reference activations cached on disk, keyed by everything that determines them.

FID and KID are biased by sample count and depend on the extractor, its
weights and the resize mode, so a cache entry is keyed by data set, split,
extractor configuration and sample count; a change of any of them computes
the activations anew.
"""

import hashlib
import io
import json
import os

import numpy as np

from kerasgan.io import atomic_write_bytes

CACHE_DIR_ENV = "KERASGAN_CACHE_DIR"


def default_cache_dir():
    return os.environ.get(CACHE_DIR_ENV) or os.path.join(os.path.expanduser("~"), ".cache", "kerasgan")


def cache_key(dataset, split, extractor, num_samples):
    return {"dataset": dataset, "split": split, "num_samples": int(num_samples), **extractor.config}


def reference_activations(images, dataset, split, extractor, cache_dir=None):
    """Features of real `images` (in [-1, 1]), loaded from or written to the cache.

    Args:
        images: the real images, or a callable returning them (called only on
            a cache miss).
        dataset, split: names that identify where the images came from.
    """
    num_samples = None if callable(images) else len(images)
    if num_samples is None:
        images = images()
        num_samples = len(images)
    key = cache_key(dataset, split, extractor, num_samples)
    text = json.dumps(key, sort_keys=True)
    path = os.path.join(cache_dir or default_cache_dir(), hashlib.sha256(text.encode()).hexdigest()[:24] + ".npz")
    if os.path.isfile(path):
        with np.load(path) as stored:
            if str(stored["key"]) == text:
                return stored["activations"]
    activations = extractor.features(images)
    buffer = io.BytesIO()
    np.savez(buffer, key=np.array(text), activations=activations)
    atomic_write_bytes(path, buffer.getvalue())
    return activations
