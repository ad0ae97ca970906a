"""Speed of the metric code: Frechet distance vs scipy, and feature extraction.

Example:
    python tools/benchmark_metrics.py --features 2048 --extract-images 200

Prints the Frechet distance of two 2048-d Gaussians fitted to random
activations computed by kerasgan (eigenvalues of a symmetric pencil, no
sqrtm) and by the TTUR / pytorch-fid scipy formula, the best of `--repeats`
timings of each (run alternately, so both see the same machine load), the
speed-up and the relative difference; then
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
    parser.add_argument("--repeats", type=int, default=3, help="timings of each Frechet implementation, alternating")
    args = parser.parse_args()

    rng = np.random.default_rng(0)
    mixing = rng.normal(size=(args.features, args.features)) / np.sqrt(args.features)
    first = rng.normal(size=(args.samples, args.features))
    second = rng.normal(size=(args.samples, args.features)) @ mixing + 0.1
    statistics = metrics.activation_statistics(first) + metrics.activation_statistics(second)
    ours_times, scipy_times = [], []
    for _ in range(args.repeats):
        ours, seconds = timed(metrics.frechet_distance, *statistics)
        ours_times.append(seconds)
        reference, seconds = timed(scipy_frechet_distance, *statistics)
        scipy_times.append(seconds)
    print(f"Frechet distance, {args.features} features from {args.samples} samples each, best of {args.repeats}:")
    print(f"  kerasgan (eigh of the pencil): {ours:.6f} in {min(ours_times):.2f} s")
    print(f"  scipy sqrtm                  : {reference:.6f} in {min(scipy_times):.2f} s")
    print(f"  relative difference {abs(ours - reference) / abs(reference):.1e}, "
          f"speed-up {min(scipy_times) / min(ours_times):.1f}x (worst pair {min(s / o for s, o in zip(scipy_times, ours_times)):.1f}x)")

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
