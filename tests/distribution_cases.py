"""The one table of models that must train on several devices exactly as on one.

Each case builds its networks and data, and trains one epoch from the same start on one
device and on two (`tf.distribute.MirroredStrategy` in tests/test_distribution_table.py,
`keras.distribution.DataParallel` on JAX in tests/other_backends/test_data_parallel.py);
the weights must agree to 1e-5 (from one of a few seeded starts: see
KINK_FREE_START_SEEDS in tests/helpers.py) and the logged values match. A new model joins by adding a
row. Small rates where a model's early losses are steep: float rounding between one device
and two grows with the loss's curvature, not with any difference in what is computed.
"""

import collections

import numpy as np

import kerasgan
from helpers import random_images, small_dcgan_networks
from kerasgan.architectures import dcgan_discriminator, dcgan_generator
from kerasgan.architectures.conditional import conditional_discriminator, conditional_generator
from kerasgan.penalties import R1Penalty

Case = collections.namedtuple(
    "Case", "name model_class make_networks make_data global_batch learning_rate kwargs check",
    defaults=(16, 0.05, {}, None),
)
# `check(single, mirrored)`: what the case asserts besides equal weights and logs.


def _equal(value, expected):
    assert value == expected, (value, expected)


def _weights(network):
    return [np.asarray(weight) for weight in network.get_weights()]


def _averages_moved_alike(single, mirrored):
    assert max(float(np.abs(a - b).max()) for a, b in zip(_weights(single.ema_generator), _weights(single.generator))) > 1e-4
    assert max(float(np.abs(a - b).max()) for a, b in zip(_weights(single.ema_generator), _weights(mirrored.ema_generator))) < 1e-5


def _clipped(single, mirrored):
    assert all(np.abs(np.asarray(variable)).max() <= 0.05 + 1e-7 for variable in mirrored.discriminator.trainable_variables)


def _k_moved_alike(single, mirrored):
    assert float(single.k.numpy()) > 0.0 and abs(float(mirrored.k.numpy()) - float(single.k.numpy())) < 1e-6


def _progan_counted_alike(single, mirrored):
    assert int(single.images_seen.numpy()) == int(mirrored.images_seen.numpy()) == 32
    _averages_moved_alike(single, mirrored)


def _pools_filled(single, mirrored):
    for pool in (mirrored.pool_a, mirrored.pool_b):
        assert np.abs(np.asarray(pool.images)).max() > 0


def _historical_averages_alike(single, mirrored):
    for a, b in zip(single.historical_averages.averages["g_optimizer"], mirrored.historical_averages.averages["g_optimizer"]):
        assert np.abs(np.asarray(a) - np.asarray(b)).max() < 1e-5


def _later(module, name, *args, **kwargs):
    """A function returning `module.name(*args, **kwargs)` (networks or data), imported when a case
    runs (test modules import the cases)."""
    import importlib

    return lambda: getattr(importlib.import_module(module), name)(*args, **kwargs)


def _edges_and_digits():
    from translation_data import digits, edges

    train, _ = digits(32)
    return edges(train), train


def _unpaired_pair():
    return random_images(32, 32, seed=0), random_images(32, 32, seed=1)


def _user_conditional_gan(*networks, **kwargs):
    from user_conditional_gan import ConditionalLSGAN

    return ConditionalLSGAN(*networks, **kwargs)


def _progan_mid_fade():
    from test_progan import small_networks

    networks = small_networks(stage=1)
    for network in networks:
        network.alpha.assign(0.5)
    return networks


def _images(count=64, size=16):
    return lambda: random_images(count, size)


CASES = [
    Case("DCGAN", kerasgan.DCGAN, small_dcgan_networks, _images()),
    Case("DCGAN n_critic=3", kerasgan.DCGAN, small_dcgan_networks, _images(96), 48, kwargs={"n_critic": 3}),
    Case("DCGAN EMA", kerasgan.DCGAN, small_dcgan_networks, _images(), kwargs={"ema_decay": 0.5},
         check=_averages_moved_alike),
    Case("LSGAN", kerasgan.LSGAN, small_dcgan_networks, _images()),
    Case("HingeGAN", kerasgan.HingeGAN, lambda: small_dcgan_networks(spectral_norm=True, normalization=None),
         _images()),
    Case("WGAN", kerasgan.WGAN, small_dcgan_networks, _images(120), 60, kwargs={"n_critic": 3, "clip_value": 0.05},
         check=_clipped),
    Case("WGAN-GP", kerasgan.WGANGP, lambda: small_dcgan_networks(normalization="layer"), _images(120), 60, 0.005,
         {"n_critic": 3}),
    Case("BEGAN", kerasgan.BEGAN, _later("test_began", "small_networks"), _images(), kwargs={"lambda_k": 0.05},
         check=_k_moved_alike),
    Case("BEGAN minibatch stddev", kerasgan.BEGAN, _later("test_began", "small_networks", minibatch_stddev_channels=4),
         _images(), kwargs={"lambda_k": 0.05}, check=_k_moved_alike),
    Case("ProGAN mid-fade", kerasgan.ProGAN, _progan_mid_fade, _images(32), learning_rate=0.01, kwargs={"stage": 1},
         check=_progan_counted_alike),
    Case("ConditionalGAN projection", kerasgan.ConditionalGAN,
         _later("test_conditional", "small_conditional_networks", "projection"),
         _later("test_conditional", "labelled_images", 32), kwargs={"num_classes": 3, "n_critic": 2}),
    Case("ConditionalGAN concat", kerasgan.ConditionalGAN,
         _later("test_conditional", "small_conditional_networks", "concat"),
         _later("test_conditional", "labelled_images", 32), kwargs={"num_classes": 3, "n_critic": 2}),
    Case("ConditionalGAN BigGAN-style", kerasgan.ConditionalGAN,
         _later("test_conditional", "small_biggan_style_networks"),
         _later("test_conditional", "labelled_images", 32), kwargs={"num_classes": 3, "n_critic": 2}),
    Case("ConditionalGAN orthogonal regulariser", kerasgan.ConditionalGAN,
         lambda: (conditional_generator((16, 16, 1), 8, 3, orthogonal_regularization=0.1),
                  conditional_discriminator((16, 16, 1), 3)),
         _later("test_conditional", "labelled_images", 32), kwargs={"num_classes": 3}),
    Case("ACGAN", kerasgan.ACGAN, _later("test_conditional", "small_acgan_networks"),
         _later("test_conditional", "labelled_images", 32), kwargs={"num_classes": 3, "n_critic": 2}),
    # SGD(0.003): at 0.05 Q's Gaussian narrows so fast (G's loss 17 in 4 steps) that rounding grows to 4e-3.
    Case("InfoGAN", kerasgan.InfoGAN, _later("test_infogan", "small_info_networks"), _images(32),
         learning_rate=0.003, kwargs={"num_categories": 3, "num_continuous": 2, "n_critic": 2}),
    Case("user's conditional LSGAN with R1", _user_conditional_gan,
         _later("user_conditional_gan", "conditional_mlps", 2, 2, 8), _later("helpers", "labelled_ring", 96), 24,
         kwargs={"num_classes": 8, "n_critic": 2, "penalty": R1Penalty(gamma=1.0)}),
    Case("Pix2Pix", kerasgan.Pix2Pix, _later("translation_data", "small_pix2pix_networks"), _edges_and_digits, 8),
    # A pool of 4 fills in the first step and swaps in the next three.
    Case("CycleGAN", kerasgan.CycleGAN, _later("translation_data", "plain_cyclegan_networks"), _unpaired_pair, 8,
         kwargs={"pool_size": 4}, check=_pools_filled),
    Case("EBGAN", kerasgan.EBGAN, _later("test_ebgan", "small_ebgan_networks"), _images(32), 8,
         kwargs={"margin": 0.5, "pull_away_weight": 1.0}),
    # ||h(x_g) - h(x'_g)|| starts near 0, where the norm's derivatives are large.
    Case("CramerGAN", kerasgan.CramerGAN, _later("test_cramer", "small_cramer_networks"), _images(40), 20, 0.001),
    # Steps I and III each move E and D's optimizer: 2 updates in each of the 4 steps.
    Case("ALAE", kerasgan.ALAE, _later("test_alae", "small_alae_networks"),
         lambda: np.random.default_rng(0).uniform(-1, 1, (32, 8, 8, 1)).astype("float32"), 8,
         check=lambda single, mirrored: _equal(int(single.d_optimizer.iterations.numpy()), 8)),
    Case("feature matching", kerasgan.DCGAN, small_dcgan_networks, _images(), kwargs={"feature_matching": True}),
    # Minibatch-discrimination logits reach 1e3 within 4 steps at 0.05.
    Case("minibatch discrimination", kerasgan.DCGAN,
         lambda: small_dcgan_networks(minibatch_discrimination=True, normalization=None), _images(), 16, 0.005),
    Case("historical averaging", kerasgan.DCGAN, small_dcgan_networks, _images(), kwargs={"historical_averaging": 0.5},
         check=_historical_averages_alike),
    Case("virtual batch norm", kerasgan.DCGAN,
         lambda: (dcgan_generator((16, 16, 1), 8, base_filters=8, virtual_batch_size=8),
                  dcgan_discriminator((16, 16, 1), base_filters=8)), _images()),
]

IDS = [case.name for case in CASES]
