"""Training under MirroredStrategy on 2 logical CPUs equals one device."""

import keras
import numpy as np
import pytest
import tensorflow as tf

import kerasgan
from kerasgan import distribute
from helpers import batched, max_weight_difference, random_images, small_dcgan_networks

TOLERANCE = 1e-5


def _build(strategy, model_class, **model_kwargs):
    with strategy.scope():
        generator, discriminator = small_dcgan_networks()
        gan = model_class(generator=generator, discriminator=discriminator, seed=5, **model_kwargs)
        gan.compile(keras.optimizers.SGD(0.05), keras.optimizers.SGD(0.05))
    return gan


def assert_mirrored_training_matches(strategy, model_class, images, global_batch, **model_kwargs):
    """Trains one epoch on one device and on `strategy` from the same start."""
    single = _build(tf.distribute.get_strategy(), model_class, **model_kwargs)
    mirrored = _build(strategy, model_class, **model_kwargs)
    initial = single.get_weights()  # networks and the noise seed state
    mirrored.set_weights(initial)
    single_logs = single.fit(batched(images, global_batch), epochs=1, verbose=0).history
    mirrored_logs = mirrored.fit(batched(images, global_batch), epochs=1, verbose=0).history
    assert max_weight_difference(initial, single.get_weights()) > 1e-3, "did not train"
    assert max_weight_difference(single.get_weights(), mirrored.get_weights()) < TOLERANCE
    # Logged values are the true global-batch means, not 1/N of them.
    for key, values in single_logs.items():
        np.testing.assert_allclose(mirrored_logs[key], values, rtol=1e-4, atol=1e-6, err_msg=key)
    return single, mirrored


@pytest.mark.parametrize("model_class", [kerasgan.DCGAN, kerasgan.LSGAN])
def test_two_replicas_match_one_device(two_cpu_strategy, model_class):
    assert_mirrored_training_matches(two_cpu_strategy, model_class, random_images(64), 16)


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
