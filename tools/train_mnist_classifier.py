"""Trains the `mnist_classifier` feature extractor and writes it to the zoo.

A small CNN (two conv blocks, a 128-d "features" layer, 10 logits) trained
on the MNIST train split (first 55,000 images); accuracy is measured on the
validation split (last 5,000 training images), never on the official test
set. Writes `kerasgan/zoo/mnist_classifier/model.keras` and `card.json`
(data, command, accuracy, sha256 of the model file), atomically.

Example:
    python tools/train_mnist_classifier.py --data-dir ../shared/data/mnist
"""

import argparse
import json
import os
import time

import keras

from kerasgan import data
from kerasgan.io import atomic_write_bytes, save_model_atomically
from kerasgan.zoo import file_sha256


def build_classifier():
    inputs = keras.Input((28, 28, 1), name="image")
    x = inputs
    for filters in (16, 32):
        x = keras.layers.Conv2D(filters, 3, padding="same", activation="relu")(x)
        x = keras.layers.Conv2D(filters, 3, padding="same", activation="relu")(x)
        x = keras.layers.MaxPooling2D()(x)
    x = keras.layers.Flatten()(x)
    features = keras.layers.Dense(128, activation="relu", name="features")(x)
    logits = keras.layers.Dense(10, name="logits")(keras.layers.Dropout(0.3)(features))
    return keras.Model(inputs, logits, name="mnist_classifier")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", default=None, help="MNIST IDX folder (default: $KERASGAN_MNIST_DIR)")
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--output-dir", default=os.path.join(os.path.dirname(__file__), "..", "kerasgan", "zoo", "mnist_classifier"))
    args = parser.parse_args()

    keras.utils.set_random_seed(args.seed)
    train_images, train_labels = data.load_mnist(args.data_dir, split="train", with_labels=True)
    val_images, val_labels = data.load_mnist(args.data_dir, split="validation", with_labels=True)
    model = build_classifier()
    model.compile(
        keras.optimizers.Adam(1e-3),
        keras.losses.SparseCategoricalCrossentropy(from_logits=True),
        metrics=["accuracy"],
    )
    schedule = keras.callbacks.LearningRateScheduler(lambda epoch: 1e-3 * 0.5 ** max(0, epoch - 1))
    started = time.perf_counter()
    model.fit(
        data.scale_images(train_images), train_labels, batch_size=128, epochs=args.epochs,
        callbacks=[schedule], verbose=2,
    )
    _, accuracy = model.evaluate(data.scale_images(val_images), val_labels, verbose=0)
    weights_path = os.path.join(args.output_dir, "model.keras")
    save_model_atomically(model, weights_path)
    card = {
        "name": "mnist_classifier",
        "description": "Small CNN for MNIST feature extraction (Frechet classifier distance, classifier score).",
        "data": "MNIST training images 0-54,999 (kerasgan split 'train')",
        "recipe": f"python tools/train_mnist_classifier.py --epochs {args.epochs} --seed {args.seed} --data-dir DIR",
        "metrics": {"validation_accuracy": round(float(accuracy), 5)},
        "metrics_split": "MNIST training images 55,000-59,999 (kerasgan split 'validation')",
        "feature_layer": "features",
        "train_seconds": round(time.perf_counter() - started, 1),
        "files": {"model.keras": file_sha256(weights_path)},
        "kind": "feature_extractor",
        "data_licence": "MNIST: CC BY-SA 3.0",
    }
    atomic_write_bytes(os.path.join(args.output_dir, "card.json"), (json.dumps(card, indent=2) + "\n").encode())
    print(f"validation accuracy {accuracy:.4f}; wrote {weights_path} (sha256 {card['files']['model.keras']})")


if __name__ == "__main__":
    main()
