"""Classifies a trained MNIST GAN's samples: how many look like a digit, and which.

The issues' "classifier-confidence check": the zoo's `mnist_classifier`
labels `--num-samples` samples; the tool prints the share of samples it
labels with probability above `--confidence`, and each class's share of the
samples (a generator that covers every digit gives about 0.1 each). With
`--data-dir` it prints the same figures for as many validation images, the
ceiling to compare against. Samples larger than 28x28 (ProGAN's padded 32x32)
are cropped to the centre, as the recipes do before scoring.

Example:
    python tools/mnist_class_census.py runs/began_mnist/model.keras --data-dir ../shared/data/mnist
"""

import argparse

import keras
import numpy as np

import kerasgan


def census(images, extractor, confidence):
    """Returns (share of confident labels, share of each class) for images in [-1, 1]."""
    probabilities = keras.ops.convert_to_numpy(keras.ops.softmax(extractor.logits(images)))
    labels = probabilities.argmax(axis=1)
    return float((probabilities.max(axis=1) > confidence).mean()), np.bincount(labels, minlength=10) / len(labels)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("model", help="a GAN saved by an MNIST recipe (model.keras)")
    parser.add_argument("--num-samples", type=int, default=5000)
    parser.add_argument("--confidence", type=float, default=0.9)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--data-dir", default=None, help="MNIST IDX folder: also print the validation images' figures")
    args = parser.parse_args()
    gan = kerasgan.load_model(args.model)
    if not isinstance(gan, kerasgan.models.GAN):
        raise ValueError(f"{args.model} holds a {type(gan).__name__}, not a kerasgan GAN.")
    extractor = kerasgan.metrics.get_extractor("mnist_classifier")
    rows = [("samples", kerasgan.data.crop_padding(gan.generate(args.num_samples, seed=args.seed)))]
    if args.data_dir:
        real = kerasgan.data.load_mnist(args.data_dir, split="validation")[: args.num_samples]
        rows.append(("validation", kerasgan.data.scale_images(real)))
    print(f"{'':10} {'p>' + str(args.confidence):>7}  " + " ".join(f"{digit:>5}" for digit in range(10)))
    for name, images in rows:
        confident, shares = census(images, extractor, args.confidence)
        print(f"{name:10} {confident:7.3f}  " + " ".join(f"{share:5.3f}" for share in shares))


if __name__ == "__main__":
    main()
