"""How long `fit` takes to return after its last step, with and without tf.data's autotuning.

An autotuned tf.data pipeline runs a thread that sleeps between optimisations
for a period that doubles up to a minute, and deleting the iterator at the
end of `fit` can wait for that sleep to end. kerasgan's pipelines
(`kerasgan.data.image_dataset` and the rest) switch autotuning off. For each
fit length, this trains a small convolutional model for about that long, fed
by the pipeline kerasgan built before (shuffle, batch, scale with
`num_parallel_calls=AUTOTUNE`, `prefetch(AUTOTUNE)`) and by today's
`image_dataset`, and prints the mean seconds between the last step
(`on_train_end`) and `fit` returning, and fit's wall time over its training
time.

    python tools/dataset_teardown.py --seconds 15 30 60 --repeats 3
"""

import argparse
import time

import keras
import numpy as np
import tensorflow as tf

import kerasgan

BATCH = 32


class TrainingClock(keras.callbacks.Callback):
    """Records when training began and ended, and stops it after `seconds`."""

    def __init__(self, seconds):
        super().__init__()
        self.seconds = seconds

    def on_train_begin(self, logs=None):
        self.began = time.perf_counter()

    def on_train_batch_end(self, batch, logs=None):
        self.model.stop_training = time.perf_counter() - self.began > self.seconds

    def on_train_end(self, logs=None):
        self.ended = time.perf_counter()


def autotuned_pipeline(images, labels):
    def scaled(batch, batch_labels):
        return tf.cast(batch, tf.float32) / 127.5 - 1.0, batch_labels

    dataset = tf.data.Dataset.from_tensor_slices((images, labels)).shuffle(len(images), seed=0)
    dataset = dataset.batch(BATCH, drop_remainder=True).map(scaled, num_parallel_calls=tf.data.AUTOTUNE)
    return dataset.prefetch(tf.data.AUTOTUNE)


def fit_and_time(images, seconds, autotuned):
    """(seconds from the last step to `fit` returning, fit's wall time / its training time)."""
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input(images.shape[1:]), keras.layers.Conv2D(32, 3), keras.layers.Conv2D(32, 3),
                              keras.layers.Flatten(), keras.layers.Dense(1)])
    model.compile("adam", "mse")
    clock = TrainingClock(seconds)
    labels = np.zeros(len(images), np.float32)
    if autotuned:
        dataset = autotuned_pipeline(images, labels)
    else:
        dataset = kerasgan.data.image_dataset(images, BATCH, labels=labels, seed=0)
    started = time.perf_counter()
    model.fit(dataset, callbacks=[clock], verbose=0)
    returned = time.perf_counter()
    return returned - clock.ended, (returned - started) / (clock.ended - clock.began)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, nargs="+", default=[15, 30, 60], help="fit lengths")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    images = np.random.default_rng(0).integers(0, 256, (60000, 28, 28, 1), dtype=np.uint8)
    print("fit length | autotuned: mean wait after the last step, fit / training | kerasgan.data: the same")
    for seconds in args.seconds:
        row = []
        for autotuned in (True, False):
            runs = np.array([fit_and_time(images, seconds, autotuned) for _ in range(args.repeats)])
            row.append(f"{runs[:, 0].mean():.1f} s (max {runs[:, 0].max():.1f}), {runs[:, 1].mean():.2f}x")
        print(f"{seconds:g} s | {row[0]} | {row[1]}", flush=True)


if __name__ == "__main__":
    main()
