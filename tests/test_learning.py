"""Short trainings that must show learning, not just run."""

import numpy as np
import tensorflow as tf

import kerasgan
from kerasgan import data
from kerasgan.architectures import dcgan_discriminator, dcgan_generator
from kerasgan.metrics import fid_from_activations, mode_coverage
from helpers import mnist_feature_classifier, train_ring_gan

RING_STD = 0.05  # wider than PacGAN's 0.01 so that 1,500 steps can reach it


def test_dcgan_mlp_covers_the_ring():
    gan, centers = train_ring_gan(kerasgan.DCGAN, std=RING_STD)
    coverage = mode_coverage(gan.generate(2000, seed=1), centers, RING_STD)
    assert coverage["modes"] >= 6, coverage
    assert coverage["high_quality"] >= 0.35, coverage


def test_lsgan_mlp_covers_the_ring():
    gan, centers = train_ring_gan(kerasgan.LSGAN, std=RING_STD)
    coverage = mode_coverage(gan.generate(2000, seed=1), centers, RING_STD)
    assert coverage["modes"] == 8, coverage
    assert coverage["high_quality"] >= 0.7, coverage


def test_dcgan_learns_mnist_digits(mnist_dir):
    images, labels = data.load_mnist(mnist_dir, split="train", with_labels=True)
    held_out = data.scale_images(data.load_mnist(mnist_dir, split="validation")[:1000])
    classifier, features = mnist_feature_classifier(data.scale_images(images[:12000]), labels[:12000])
    real_features = features(held_out).numpy()

    def digit_likeness(gan):
        fake = gan.generate(1000, seed=1)
        confidence = tf.nn.softmax(classifier(fake)).numpy().max(axis=1).mean()
        return fid_from_activations(real_features, features(fake).numpy()), confidence

    gan = kerasgan.DCGAN(
        generator=dcgan_generator((28, 28, 1), 64, base_filters=32),
        discriminator=dcgan_discriminator((28, 28, 1), base_filters=32),
        seed=0,
    )
    gan.compile()
    distance_before, confidence_before = digit_likeness(gan)
    gan.fit(data.image_dataset(images[:19200], 64, seed=0), epochs=1, verbose=0)  # 300 steps
    distance_after, confidence_after = digit_likeness(gan)
    assert distance_after < distance_before / 5, (distance_before, distance_after)
    assert confidence_after > confidence_before + 0.2, (confidence_before, confidence_after)
    assert np.isfinite(distance_after)
