"""Speed of the metric code: Frechet distance vs scipy, and feature extraction.

Example:
    python tools/benchmark_metrics.py --features 2048 --extract-images 200

Prints the Frechet distance of two 2048-d Gaussians fitted to random
activations computed by kerasgan (eigenvalues, no sqrtm) and by the
TTUR / pytorch-fid scipy formula, their times and relative difference; then
images/s of the "mnist_classifier" extractor and of InceptionV3 at 299x299.
InceptionV3 runs with random weights here (the ImageNet file is not
available offline); the computation is the same as with real weights.
"""

import argparse
import time

import keras
import numpy as np

from kerasgan import metrics
from kerasgan.metrics.extractors import FeatureExtractor
from kerasgan.metrics.frechet import scipy_frechet_distance


def timed(function, *args):
    started = time.perf_counter()
    value = function(*args)
    return value, time.perf_counter() - started


def images_per_second(extractor, images, repeats=2):
    extractor.features(images[:8])  # trace
    started = time.perf_counter()
    for _ in range(repeats):
        extractor.features(images)
    return repeats * len(images) / (time.perf_counter() - started)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--features", type=int, default=2048)
    parser.add_argument("--samples", type=int, default=5000)
    parser.add_argument("--extract-images", type=int, default=200)
    args = parser.parse_args()

    rng = np.random.default_rng(0)
    mixing = rng.normal(size=(args.features, args.features)) / np.sqrt(args.features)
    first = rng.normal(size=(args.samples, args.features))
    second = rng.normal(size=(args.samples, args.features)) @ mixing + 0.1
    statistics = metrics.activation_statistics(first) + metrics.activation_statistics(second)
    ours, ours_seconds = timed(metrics.frechet_distance, *statistics)
    reference, scipy_seconds = timed(scipy_frechet_distance, *statistics)
    print(f"Frechet distance, {args.features} features from {args.samples} samples each:")
    print(f"  kerasgan (cholesky + eigvalsh): {ours:.6f} in {ours_seconds:.2f} s")
    print(f"  scipy sqrtm        : {reference:.6f} in {scipy_seconds:.2f} s")
    print(f"  relative difference {abs(ours - reference) / abs(reference):.1e}, speed-up {scipy_seconds / ours_seconds:.1f}x")

    mnist = rng.uniform(-1, 1, (1000, 28, 28, 1)).astype(np.float32)
    rate = images_per_second(metrics.get_extractor("mnist_classifier"), mnist)
    print(f"mnist_classifier features: {rate:.0f} images/s (28x28, batch 200)")
    network = keras.applications.InceptionV3(weights=None, classifier_activation=None)
    pool = keras.Model(network.inputs, network.get_layer("avg_pool").output)
    inception = FeatureExtractor(pool, network, name="inception_v3 (random weights)", input_size=299)
    small = rng.uniform(-1, 1, (args.extract_images, 32, 32, 3)).astype(np.float32)
    print(f"inception_v3 features: {images_per_second(inception, small, repeats=1):.1f} images/s (32x32 resized to 299, batch 200)")


if __name__ == "__main__":
    main()
