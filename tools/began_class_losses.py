"""Prints a trained BEGAN discriminator's autoencoder loss L(x) per MNIST class.

BEGAN's generator only has to meet E[L(G(z))] = gamma E[L(x)]. If some
classes are much easier to reconstruct than the mean, a generator that draws
only those classes meets gamma < 1 with images that look real, so the
equilibrium itself permits the collapse. This tool measures how uneven the
classes are on the validation split (the last 5,000 training images).

Example:
    python tools/began_class_losses.py runs/began_mnist/model.keras --data-dir ../shared/data/mnist
"""

import argparse

import numpy as np

import kerasgan

BATCH = 500


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("model", help="a BEGAN saved by recipes/began_mnist.py (model.keras)")
    parser.add_argument("--data-dir", default=None, help="MNIST IDX folder (default: $KERASGAN_MNIST_DIR)")
    args = parser.parse_args()
    gan = kerasgan.load_model(args.model)
    if not isinstance(gan, kerasgan.BEGAN):
        raise ValueError(f"{args.model} holds a {type(gan).__name__}, not a kerasgan.BEGAN.")
    images, labels = kerasgan.data.load_mnist(args.data_dir, split="validation", with_labels=True)
    images = kerasgan.data.scale_images(images)
    losses = np.concatenate(
        [np.asarray(gan.autoencoder_loss(images[start : start + BATCH])) for start in range(0, len(images), BATCH)]
    )
    ink = ((images + 1.0) / 2.0).mean(axis=(1, 2, 3))
    mean_loss = losses.mean()
    print(f"E[L(x)] = {mean_loss:.4f} (eta = {gan.eta}, {len(images)} validation images)")
    print("class  L(x)    L(x)/E[L(x)]  ink")
    for digit in range(10):
        rows = labels == digit
        class_loss = losses[rows].mean()
        print(f"{digit:5d}  {class_loss:.4f}  {class_loss / mean_loss:12.2f}  {ink[rows].mean():.3f}")


if __name__ == "__main__":
    main()
