"""keras.distribution.DataParallel on 2 host CPU devices computes what one device computes."""

import keras
import numpy as np
import pytest

if keras.backend.backend() != "jax":
    pytest.skip("keras.distribution is JAX's", allow_module_level=True)

import kerasgan
from kerasgan.architectures import began_discriminator, began_generator, dcgan_discriminator, dcgan_generator
from helpers import MIRRORED_TOLERANCE, random_images, small_dcgan_networks
from test_conditional import labelled_images, small_acgan_networks, small_conditional_networks
from test_alae import small_alae_networks
from test_cramer import small_cramer_networks
from test_ebgan import small_ebgan_networks
from test_progan import small_networks as small_progan_networks
from translation_data import plain_cyclegan_networks, plain_pix2pix_networks


def progan_networks_mid_fade():
    networks = small_progan_networks(stage=1)
    for network in networks:
        network.alpha.assign(0.5)
    return networks


def _train(model_class, make_networks, data, batch, distribution, initial=None, learning_rate=0.05, **kwargs):
    """One epoch of `data` (images, or (images, labels)) on `distribution`, from `initial` if given."""
    x, y = data if isinstance(data, tuple) else (data, None)
    keras.distribution.set_distribution(distribution)
    try:
        gan = model_class(*make_networks(), seed=5, **kwargs)
        gan.compile(keras.optimizers.SGD(learning_rate), keras.optimizers.SGD(learning_rate))
        if initial is not None:
            gan.set_weights(initial)
        start = gan.get_weights()
        history = gan.fit(x, y, batch_size=batch, epochs=1, shuffle=False, verbose=0).history
        return gan, start, history
    finally:
        keras.distribution.set_distribution(None)


@pytest.mark.parametrize("model_class, make_networks, kwargs, data", [
    (kerasgan.DCGAN, small_dcgan_networks, {"n_critic": 2, "ema_decay": 0.5}, random_images(64)),
    (kerasgan.BEGAN, lambda: (began_generator((16, 16, 1), 8, 4, 1), began_discriminator((16, 16, 1), 8, 4, 1)),
     {"lambda_k": 0.05}, random_images(64)),
    (kerasgan.ProGAN, progan_networks_mid_fade, {"stage": 1}, random_images(64)),
    (kerasgan.ConditionalGAN, lambda: small_conditional_networks("projection"), {"num_classes": 3, "n_critic": 2},
     labelled_images(64)),
    (kerasgan.ACGAN, small_acgan_networks, {"num_classes": 3}, labelled_images(64)),
    (kerasgan.EBGAN, small_ebgan_networks, {"margin": 0.5, "pull_away_weight": 1.0}, random_images(64)),
    # Cramer GAN at a small rate: see test_cramer.test_two_replicas_match_one_device.
    (kerasgan.CramerGAN, small_cramer_networks, {"n_critic": 2, "learning_rate": 0.001}, random_images(64)),
    (kerasgan.DCGAN, small_dcgan_networks, {"feature_matching": True, "historical_averaging": 0.5}, random_images(64)),
    (kerasgan.DCGAN, lambda: small_dcgan_networks(minibatch_discrimination=True, normalization=None),
     {"learning_rate": 0.005}, random_images(64)),
    (kerasgan.DCGAN, lambda: (dcgan_generator((16, 16, 1), 8, base_filters=8, virtual_batch_size=8),
                              dcgan_discriminator((16, 16, 1), base_filters=8)), {}, random_images(64)),
    (kerasgan.ALAE, small_alae_networks, {}, np.random.default_rng(0).uniform(-1, 1, (64, 8, 8, 1)).astype("float32")),
    (kerasgan.Pix2Pix, plain_pix2pix_networks, {}, (random_images(64, 32), random_images(64, 32, seed=1))),
    (kerasgan.CycleGAN, plain_cyclegan_networks, {"pool_size": 8},
     (random_images(64, 32), random_images(64, 32, seed=1))),
], ids=["DCGAN", "BEGAN", "ProGAN", "ConditionalGAN", "ACGAN", "EBGAN", "CramerGAN", "FeatureMatching+HistoricalAveraging", "MinibatchDiscrimination",
    "VirtualBatchNorm", "ALAE", "Pix2Pix", "CycleGAN"])
def test_two_devices_match_one_device(model_class, make_networks, kwargs, data):
    devices = keras.distribution.list_devices("cpu")
    assert len(devices) == 2, devices
    keras.utils.set_random_seed(0)  # the same initial weights on every run
    single, initial, single_logs = _train(model_class, make_networks, data, 16, None, **kwargs)
    parallel, _, parallel_logs = _train(
        model_class, make_networks, data, 16, keras.distribution.DataParallel(devices=devices), initial, **kwargs
    )
    trained = max(float(np.abs(a - b).max()) for a, b in zip(initial, single.get_weights()))
    assert trained > 1e-3, "did not train"
    difference = max(float(np.abs(a - b).max()) for a, b in zip(single.get_weights(), parallel.get_weights()))
    assert difference < MIRRORED_TOLERANCE, difference
    for key, values in single_logs.items():
        np.testing.assert_allclose(parallel_logs[key], values, rtol=1e-4, atol=1e-6, err_msg=key)


def test_a_distribution_by_name_is_data_parallel_over_the_devices_and_ends_with_its_block():
    with kerasgan.distribute.scope("mirrored") as distribution:
        assert isinstance(keras.distribution.distribution(), keras.distribution.DataParallel)
        gan = kerasgan.DCGAN(*small_dcgan_networks(), seed=0)
        gan.compile()
        gan.fit(random_images(32), batch_size=16, epochs=1, verbose=0)
    assert len(distribution.device_mesh.devices.ravel()) == 2
    assert keras.distribution.distribution() is None
    with pytest.raises(ValueError, match="TensorFlow's"):
        with kerasgan.distribute.scope("multiworker"):
            pass
