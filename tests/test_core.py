"""The core: conditions reach both networks and the penalties, networks by position, optimizers by role."""

import keras
import numpy as np
import pytest
import tensorflow as tf

import kerasgan
from kerasgan import penalties
from kerasgan.architectures import ProgressiveDiscriminator, ProgressiveGenerator, began_discriminator, began_generator
from kerasgan.data.toy import ring_centers
from kerasgan.io import save_model_atomically
from helpers import batched, labelled_ring, random_images, small_dcgan_networks
from user_conditional_gan import ConditionalLSGAN, conditional_mlps


def conditional_gan(seed=0, **kwargs):
    generator, discriminator = conditional_mlps(2, 2, 8)
    return ConditionalLSGAN(generator, discriminator, num_classes=8, seed=seed, **kwargs)


def test_a_users_conditional_gan_puts_each_label_on_its_own_mode():
    keras.utils.set_random_seed(0)
    gan = conditional_gan()
    gan.compile(keras.optimizers.Adam(1e-3, beta_1=0.5), keras.optimizers.Adam(1e-3, beta_1=0.5))
    points, labels = labelled_ring(128 * 1200)
    gan.fit(tf.data.Dataset.from_tensor_slices((points, labels)).batch(128), epochs=1, verbose=0)
    for label in range(8):
        samples = gan.generate(200, labels=label, seed=label)
        nearest = np.argmin(np.linalg.norm(samples[:, None] - ring_centers()[None], axis=-1), axis=1)
        assert (nearest == label).mean() >= 0.9, (label, np.bincount(nearest, minlength=8))
    # Without labels, generate draws them uniformly from num_classes.
    drawn = gan.generate(800, seed=1)
    nearest = np.argmin(np.linalg.norm(drawn[:, None] - ring_centers()[None], axis=-1), axis=1)
    assert np.bincount(nearest, minlength=8).min() >= 50


def per_class_linear_critic(num_classes=3, dim=2):
    """D(x, y) = w_y . x: its input gradient is w_y."""
    x, labels = keras.Input((dim,)), keras.Input((), dtype="int32")
    weights = keras.layers.Embedding(num_classes, dim, name="w")(labels)
    critic = keras.Model([x, labels], keras.ops.sum(x * weights, axis=1, keepdims=True))
    critic.get_layer("w").set_weights([np.array([[3.0, 4.0], [0.0, 0.5], [1.0, 0.0]], "float32")])
    return critic


@pytest.mark.parametrize("penalty, expected", [
    (penalties.GradientPenalty(weight=10.0), lambda norm: 10.0 * (norm - 1.0) ** 2),
    (penalties.R1Penalty(gamma=4.0), lambda norm: 2.0 * norm**2),
])
def test_penalties_take_the_gradient_of_a_conditional_discriminator(penalty, expected):
    generator, _ = conditional_mlps(2, 2, 3)
    gan = ConditionalLSGAN(generator, per_class_linear_critic(), num_classes=3, penalty=penalty)
    labels = tf.constant([0, 1, 2, 0], "int32")
    real, fake = tf.random.normal((4, 2)), tf.random.normal((4, 2))
    values, _ = gan.penalty(lambda x: gan.discriminate(x, labels), real, fake, keras.random.SeedGenerator(0))
    norms = np.array([5.0, 0.5, 1.0, 5.0])  # ||w_y|| for each example's label
    np.testing.assert_allclose(values, expected(norms), rtol=1e-5)


def test_gradient_penalty_and_r1_train_a_conditional_critic():
    generator, critic = conditional_mlps(2, 2, 8)
    gan = kerasgan.WGANGP(generator, critic, num_classes=8, n_critic=2, penalty=penalties.R1Penalty(1.0), seed=0)
    gan.compile()
    points, labels = labelled_ring(64)
    history = gan.fit(tf.data.Dataset.from_tensor_slices((points, labels)).batch(32), verbose=0).history
    assert np.isfinite(history["gradient_norm"][0]) and history["r1_gradient_norm"][0] > 0
    assert type(gan.penalty).__name__ == "PenaltySum"  # WGAN-GP's own penalty plus the user's


def test_instance_noise_reaches_a_conditional_discriminator():
    gan = conditional_gan(instance_noise=penalties.InstanceNoise(0.5, 100))
    gan.compile()
    points, labels = labelled_ring(64)
    before = [w.numpy() for w in gan.discriminator.weights]
    gan.fit(points, labels, batch_size=32, verbose=0)
    assert max(float(np.abs(a - b.numpy()).max()) for a, b in zip(before, gan.discriminator.weights)) > 0


def _progressive(stage=0):
    filters = (8, 8, 4)
    return ProgressiveGenerator(16, 1, latent_dim=8, filters=filters, stage=stage), ProgressiveDiscriminator(
        16, 1, filters=filters, stage=stage
    )


VARIANT_NETWORKS = {
    kerasgan.DCGAN: lambda: small_dcgan_networks(),
    kerasgan.LSGAN: lambda: small_dcgan_networks(),
    kerasgan.WGAN: lambda: small_dcgan_networks(),
    kerasgan.WGANGP: lambda: small_dcgan_networks(normalization="layer"),
    kerasgan.HingeGAN: lambda: small_dcgan_networks(normalization=None, spectral_norm=True),
    kerasgan.BEGAN: lambda: (began_generator((16, 16, 1), 8, 4, 1), began_discriminator((16, 16, 1), 8, 4, 1)),
    kerasgan.ProGAN: _progressive,
}


@pytest.mark.parametrize("model_class", list(VARIANT_NETWORKS), ids=lambda cls: cls.__name__)
def test_every_variant_takes_its_networks_by_position(model_class):
    generator, discriminator = VARIANT_NETWORKS[model_class]()
    gan = model_class(generator, discriminator, seed=0)
    assert gan.generator is generator and gan.discriminator is discriminator
    gan.compile()
    before = gan.generator.get_weights()
    batch = 8 * getattr(gan, "n_critic", 1)  # ProGAN's minibatch statistic takes groups of 4
    gan.fit(batched(random_images(batch), batch), verbose=0)
    assert max(float(np.abs(a - b).max()) for a, b in zip(before, gan.generator.get_weights())) > 0


def test_progan_without_a_moving_average_trains_and_grows():
    assert kerasgan.ProGAN(data_shape=(32, 32, 1), ema_decay=None).ema_decay is None  # failed in its constructor
    generator, discriminator = _progressive()
    gan = kerasgan.ProGAN(generator, discriminator, ema_decay=None, seed=0)
    gan.compile()
    schedule = kerasgan.callbacks.ProgressiveGrowing(fade_images=8, stable_images=8)
    gan.fit(batched(random_images(24, image_size=16), 8), callbacks=[schedule], verbose=0)
    assert gan.stage == 1 and gan.sampling_generator is gan.generator
    np.testing.assert_allclose(gan.generate(2, seed=1), np.clip(gan.generator(gan.sample_latents(2, seed=1)), -1, 1))


def test_optimizers_by_role_position_and_defaults_and_all_are_saved(tmp_path):
    gan = kerasgan.DCGAN(*small_dcgan_networks(), seed=0)
    assert list(gan.optimizer_roles) == ["d_optimizer", "g_optimizer"]
    gan.compile(keras.optimizers.SGD(0.1), g_optimizer=keras.optimizers.RMSprop(0.01))
    assert isinstance(gan.d_optimizer, keras.optimizers.SGD) and isinstance(gan.g_optimizer, keras.optimizers.RMSprop)
    with pytest.raises(ValueError, match="one optimizer per role: d_optimizer, g_optimizer"):
        gan.compile(optimizer="adam")
    gan.compile(g_optimizer=keras.optimizers.SGD(0.2))  # the other role gets the paper's default
    assert isinstance(gan.d_optimizer, keras.optimizers.Adam)
    gan.fit(batched(random_images(16), 8), verbose=0)
    save_model_atomically(gan, str(tmp_path / "gan.keras"))
    loaded = kerasgan.load_model(str(tmp_path / "gan.keras"))
    for role, optimizer in gan.named_optimizers.items():
        restored = loaded.named_optimizers[role]
        assert type(restored) is type(optimizer) and int(restored.iterations) == 2
        for a, b in zip(optimizer.variables, restored.variables):
            np.testing.assert_array_equal(a.numpy(), b.numpy())


def test_a_translating_generator_trains_on_pairs_and_translate_uses_it():
    inputs = keras.Input((8, 8, 1))
    generator = keras.Model(inputs, keras.layers.Conv2D(1, 3, padding="same", activation="tanh")(inputs))
    image, condition = keras.Input((8, 8, 1)), keras.Input((8, 8, 1))
    pair = keras.layers.Concatenate()([image, condition])
    patches = keras.layers.Conv2D(1, 4, strides=2, padding="same")(pair)
    discriminator = keras.Model([image, condition], patches)
    with pytest.raises(ValueError, match="patch_scores=True"):
        kerasgan.LSGAN(generator, discriminator)
    gan = kerasgan.LSGAN(generator, discriminator, patch_scores=True, seed=0)
    assert gan.latent_dim is None and gan.layout == "paired"
    gan.compile()
    sources, targets = random_images(32, image_size=8), random_images(32, image_size=8, seed=1)
    with pytest.raises(ValueError, match="input_image, target_image"):
        gan.fit(batched(targets, 8), verbose=0)
    gan.fit(tf.data.Dataset.from_tensor_slices((sources, targets)).batch(8), verbose=0)
    np.testing.assert_allclose(gan.translate(sources[:4]), generator(sources[:4]).numpy(), atol=1e-6)
    with pytest.raises(ValueError, match="translate"):
        gan.generate(4)


def test_unpaired_batches_split_into_their_two_domains():
    from kerasgan.core import inputs

    a, b = random_images(4), random_images(6, seed=1).astype("float64")
    first, second = inputs.unpaired_batch((a, b))
    assert first.dtype == second.dtype == "float32" and tuple(second.shape) == (6, 16, 16, 1)
    np.testing.assert_allclose(np.asarray(second), b, rtol=1e-6)
    with pytest.raises(ValueError, match=r"\(a, b\) batches"):
        inputs.unpaired_batch(a)
