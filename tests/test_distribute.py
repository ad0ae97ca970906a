"""Training under MirroredStrategy on 2 logical CPUs equals one device."""

import keras
import numpy as np
import pytest
import tensorflow as tf

import kerasgan
from kerasgan import distribute
from helpers import assert_mirrored_training_matches, max_weight_difference, random_images


@pytest.mark.parametrize("model_class", [kerasgan.DCGAN, kerasgan.LSGAN])
def test_two_replicas_match_one_device(two_cpu_strategy, model_class):
    assert_mirrored_training_matches(two_cpu_strategy, model_class, random_images(64), 16)


def test_generator_average_under_two_replicas_matches_one_device(two_cpu_strategy):
    single, mirrored = assert_mirrored_training_matches(
        two_cpu_strategy, kerasgan.DCGAN, random_images(64), 16, ema_decay=0.5
    )
    assert max_weight_difference(single.ema_generator.get_weights(), single.generator.get_weights()) > 1e-4
    assert max_weight_difference(single.ema_generator.get_weights(), mirrored.ema_generator.get_weights()) < 1e-5


def test_discriminator_steps_with_fresh_batches_match_one_device(two_cpu_strategy):
    assert_mirrored_training_matches(
        two_cpu_strategy, kerasgan.DCGAN, random_images(96), 48, n_critic=3
    )


def test_replicas_draw_different_noise(two_cpu_strategy):
    with two_cpu_strategy.scope():  # a mirrored seed state, as in a model
        seed_generator = keras.random.SeedGenerator(1)

    @tf.function
    def draw():
        return two_cpu_strategy.run(
            lambda: distribute.replica_rows(lambda n: keras.random.normal((n, 4), seed=seed_generator), 3)
        )

    per_replica = two_cpu_strategy.experimental_local_results(draw())
    assert len(per_replica) == 2
    assert not np.allclose(per_replica[0].numpy(), per_replica[1].numpy())
    # Together they are the rows one device draws from the same seed state.
    whole = keras.random.normal((6, 4), seed=keras.random.SeedGenerator(1))
    np.testing.assert_allclose(np.concatenate([r.numpy() for r in per_replica]), whole.numpy())
