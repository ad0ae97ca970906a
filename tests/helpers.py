"""Small networks and data shared by the tests."""

import numpy as np
import tensorflow as tf

from kerasgan.architectures import dcgan_discriminator
from kerasgan.architectures import dcgan_generator


def small_dcgan_networks(image_size=16, latent_dim=8, base_filters=8, **discriminator_kwargs):
    return (
        dcgan_generator((image_size, image_size, 1), latent_dim, base_filters=base_filters),
        dcgan_discriminator((image_size, image_size, 1), base_filters=base_filters, **discriminator_kwargs),
    )


def random_images(count=64, image_size=16, seed=0):
    rng = np.random.default_rng(seed)
    return rng.uniform(-1, 1, (count, image_size, image_size, 1)).astype("float32")


def batched(array, batch_size):
    return tf.data.Dataset.from_tensor_slices(array).batch(batch_size)


def max_weight_difference(weights_a, weights_b):
    return max(float(np.abs(a - b).max()) for a, b in zip(weights_a, weights_b))


def train_ring_gan(model_class, steps=1500, std=0.05, batch_size=256, seed=0, learning_rate=2e-4, **kwargs):
    """Trains `model_class` with MLPs on the 8-Gaussian ring; returns (gan, centers)."""
    import keras

    from kerasgan.data.toy import ring_centers, sample_mixture

    keras.utils.set_random_seed(seed)
    centers = ring_centers()
    points = sample_mixture(centers, std, batch_size * steps, seed=seed)
    gan = model_class(data_shape=(2,), latent_dim=2, seed=seed, **kwargs)
    gan.compile(
        keras.optimizers.Adam(learning_rate, beta_1=0.5),
        keras.optimizers.Adam(learning_rate, beta_1=0.5),
    )
    gan.fit(batched(points, batch_size), epochs=1, verbose=0)
    return gan, centers


def mnist_feature_classifier(images, labels, seed=0):
    """A small CNN fitted for one epoch; returns (logits model, feature model)."""
    import keras

    keras.utils.set_random_seed(seed)
    inputs = keras.Input((28, 28, 1))
    x = keras.layers.Conv2D(16, 3, activation="relu")(inputs)
    x = keras.layers.MaxPooling2D()(x)
    x = keras.layers.Conv2D(32, 3, activation="relu")(x)
    x = keras.layers.MaxPooling2D()(x)
    features = keras.layers.Dense(64, activation="relu")(keras.layers.Flatten()(x))
    classifier = keras.Model(inputs, keras.layers.Dense(10)(features))
    classifier.compile(
        "adam", keras.losses.SparseCategoricalCrossentropy(from_logits=True), metrics=["accuracy"]
    )
    classifier.fit(images, labels, epochs=1, batch_size=128, verbose=0)
    return classifier, keras.Model(inputs, features)
