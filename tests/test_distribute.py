"""Training under MirroredStrategy on 2 logical CPUs equals one device."""

import keras
import numpy as np
import pytest
import tensorflow as tf

import kerasgan
from kerasgan import distribute
from helpers import batched, max_weight_difference, random_images, small_dcgan_networks


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


def test_a_strategy_by_name_trains_what_one_device_does(two_cpu_strategy):
    images = random_images(32)
    results = []
    for kind in ("default", "mirrored"):
        keras.utils.set_random_seed(1)
        with kerasgan.distribute.scope(kind) as strategy:
            gan = kerasgan.DCGAN(*small_dcgan_networks(), seed=0)
            gan.compile(keras.optimizers.SGD(0.05), keras.optimizers.SGD(0.05))
            gan.fit(batched(images, 16), epochs=1, verbose=0)
        results.append((strategy.num_replicas_in_sync, gan.get_weights()))
    (one, single), (two, mirrored) = results
    assert (one, two) == (1, 2)  # "mirrored" takes both logical CPUs when there is no GPU
    assert max_weight_difference(single, mirrored) < 1e-5


def test_auto_chooses_from_the_environment_and_unknown_names_are_refused():
    resolve = kerasgan.distribute.resolve_kind
    two_workers = {"TF_CONFIG": '{"cluster": {"worker": ["a:1", "b:2"]}, "task": {"type": "worker", "index": 0}}'}
    assert resolve("auto", two_workers) == "multiworker"
    assert resolve("auto", {}, num_local_devices=4) == "mirrored"
    assert resolve("auto", {}, num_local_devices=1) == "default"
    assert resolve("auto", {}, tpu_available=True) == "tpu"
    assert resolve("mirrored", two_workers) == "mirrored"
    with pytest.raises(ValueError, match="multiworker"):
        resolve("horovod")


def test_xla_is_each_models_measured_default_and_off_under_a_multi_replica_strategy(two_cpu_strategy):
    def compiled(model_class):
        gan = model_class(data_shape=(28, 28, 1), seed=0)
        gan.compile()
        return gan.jit_compile

    assert compiled(kerasgan.ALAE) is True  # measured faster with XLA (tools/xla_defaults.py)
    assert compiled(kerasgan.DCGAN) is False  # measured slower
    with two_cpu_strategy.scope():
        assert compiled(kerasgan.ALAE) is False  # XLA on CPU cannot reach the other replicas' variables


def test_a_seeded_run_under_xla_repeats_exactly():
    weights = []
    for _ in range(2):
        keras.utils.set_random_seed(0)
        gan = kerasgan.WGANGP(*small_dcgan_networks(normalization="layer"), seed=0)
        gan.compile(jit_compile=True)
        gan.fit(random_images(40), batch_size=20, epochs=1, shuffle=False, verbose=0)
        weights.append(gan.get_weights())
    assert max_weight_difference(*weights) == 0.0
