"""Bad input fails at once with a message that says what is wrong and what to do."""

import subprocess
import sys

import keras
import numpy as np
import pytest
import tensorflow as tf

import kerasgan
from kerasgan.cli import main
from kerasgan.io import save_model_atomically
from helpers import batched, random_images, small_dcgan_networks
from user_conditional_gan import ConditionalLSGAN, conditional_mlps


def small_gan(jit_compile=None, **kwargs):
    gan = kerasgan.DCGAN(*small_dcgan_networks(), seed=0, **kwargs)
    gan.compile(jit_compile=jit_compile)
    return gan


def test_images_scaled_to_zero_one_are_refused():
    with pytest.raises(ValueError, match=r"look scaled to \[0, 1\].*x \* 2 - 1"):
        small_gan().fit(batched((random_images(16) + 1) / 2, 8), verbose=0)


@pytest.mark.parametrize("head, message", [
    (lambda x: keras.layers.Dense(2)(keras.layers.Flatten()(x)), r"shape \(2,\) per example"),
    (lambda x: keras.layers.Conv2D(1, 3, strides=2, padding="same")(x), "pass patch_scores=True"),
])
def test_discriminator_scores_of_the_wrong_shape_are_refused(head, message):
    generator, _ = small_dcgan_networks()
    images = keras.Input((16, 16, 1))
    with pytest.raises(ValueError, match=message):
        kerasgan.DCGAN(generator, keras.Model(images, head(images)))


@pytest.mark.parametrize("jit_compile", [False, True], ids=["tf.function", "XLA"])
def test_nan_in_a_later_batch_stops_training_with_its_cause(jit_compile):
    images = random_images(32)
    images[20, 3, 3, 0] = np.nan  # in the third batch of 8
    gan = small_gan(jit_compile)
    with pytest.raises(tf.errors.InvalidArgumentError, match="NaN or infinite"):
        gan.fit(batched(images, 8), verbose=0)
    # XLA drops the step's own check; the dataset's pipeline stops the batch before the step.
    assert all(np.isfinite(weights).all() for weights in gan.get_weights())


def test_batches_that_do_not_split_into_n_critic_minibatches_are_refused():
    gan = small_gan(n_critic=5)
    with pytest.raises(ValueError, match="multiple of 5"):
        gan.fit(batched(random_images(16), 8), verbose=0)
    with pytest.raises(tf.errors.InvalidArgumentError, match="n_critic=5"):
        gan.fit(tf.data.Dataset.from_tensor_slices(random_images(23)).batch(10), verbose=0)  # a last batch of 3


def test_conditional_data_without_valid_labels_is_refused():
    gan = ConditionalLSGAN(*conditional_mlps(2, 2, 8), num_classes=8)
    gan.compile()
    points = np.zeros((8, 2), "float32")
    with pytest.raises(ValueError, match=r"fit on \(images, labels\)"):
        gan.fit(points, verbose=0)
    with pytest.raises(ValueError, match="integer class ids"):
        gan.fit(points, np.zeros(8, "float32"), verbose=0)
    with pytest.raises(ValueError, match=r"\[0, 8\), got 2..9"):
        gan.fit(points, np.arange(8) + 2, verbose=0)
    with pytest.raises(ValueError, match=r"lie in \[0, 8\)"):
        gan.generate(2, labels=[8, 1])


def test_truncated_or_missing_model_files_are_named(tmp_path, capsys):
    path = tmp_path / "gan.keras"
    save_model_atomically(small_gan(), str(path))
    path.write_bytes(path.read_bytes()[:2000])
    with pytest.raises(ValueError, match="not a valid .keras file"):
        kerasgan.load_model(str(path))
    assert main(["sample", str(path)]) == 2
    error = capsys.readouterr().err
    assert "kerasgan sample: error:" in error and "truncated or corrupt" in error and "Traceback" not in error
    assert main(["train", "--data-dir", str(tmp_path / "absent"), "--epochs", "1"]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_the_command_starts_quietly_and_lists_every_command():
    completed = subprocess.run(
        # As the `kerasgan` console script runs it: argv[0] names the command.
        [sys.executable, "-c", "import sys; sys.argv[0] = 'kerasgan'; from kerasgan.cli import main; main(['--help'])"],
        capture_output=True, text=True, timeout=120,
    )
    assert "evaluate" in completed.stdout and "sample" in completed.stdout
    assert completed.stderr == "", completed.stderr

