"""Network regularisers count in training, once per global step; BigGAN's orthogonal regulariser."""

import keras
import numpy as np

import kerasgan
from kerasgan.regularizers import OffDiagonalOrthogonal
from helpers import batched, random_images, small_dcgan_networks
from test_conditional import labelled_images


def test_off_diagonal_orthogonal_is_the_papers_formula():
    kernel = np.random.default_rng(0).normal(size=(3, 3, 4, 5)).astype("float32")
    columns = kernel.reshape(-1, 5)
    gram = columns.T @ columns
    expected = 1e-2 * ((gram * (1 - np.eye(5))) ** 2).sum()
    np.testing.assert_allclose(float(OffDiagonalOrthogonal(1e-2)(kernel)), expected, rtol=1e-5)
    orthonormal = np.linalg.qr(np.random.default_rng(1).normal(size=(8, 4)))[0].astype("float32")
    assert float(OffDiagonalOrthogonal(1.0)(3.0 * orthonormal)) < 1e-8  # norms are free, only angles count


def test_off_diagonal_orthogonal_of_a_wide_kernel_is_the_papers_formula_and_its_gradient():
    """More columns than rows (a Dense layer from z to a feature map) takes the small gram
    matrix: the value and the gradient are those of the paper's formula."""
    kernel = np.random.default_rng(2).normal(scale=0.1, size=(6, 40)).astype("float64")

    def papers(w):
        gram = w.T @ w
        return ((gram * (1 - np.eye(w.shape[1]))) ** 2).sum()

    variable = keras.Variable(kernel.astype("float32"))
    (value,), _, ((gradient,),) = kerasgan.backend.losses_and_gradients(
        lambda: ((OffDiagonalOrthogonal(0.5)(variable),), None), [[variable]]
    )
    np.testing.assert_allclose(float(value), 0.5 * papers(kernel), rtol=1e-5)
    expected_gradient = 0.5 * 4 * kernel @ ((kernel.T @ kernel) * (1 - np.eye(40)))
    np.testing.assert_allclose(keras.ops.convert_to_numpy(gradient), expected_gradient, rtol=1e-4, atol=1e-7)
    orthonormal_rows = np.linalg.qr(np.random.default_rng(3).normal(size=(40, 6)))[0].T.astype("float32")
    assert float(OffDiagonalOrthogonal(1.0)(orthonormal_rows)) > 0.1  # 40 columns in 6 dimensions cannot be orthogonal


def l2_regularized_dcgan(weight):
    generator, discriminator = small_dcgan_networks()
    generator.layers[1].kernel.regularizer = keras.regularizers.L2(weight)  # the projection from z
    return generator, discriminator


def test_a_networks_regularizer_joins_its_optimizers_loss():
    """One SGD step from the same start, with and without an L2 term on G's first kernel:
    the kernels differ by exactly learning_rate * 2 * weight * kernel."""
    images = random_images(16)
    finals = []
    for weight in (0.0, 0.5):
        keras.utils.set_random_seed(0)
        gan = kerasgan.DCGAN(*l2_regularized_dcgan(weight), seed=1)
        gan.compile(keras.optimizers.SGD(0.1), keras.optimizers.SGD(0.1))
        start = keras.ops.convert_to_numpy(gan.generator.layers[1].kernel)
        gan.fit(batched(images, 16), verbose=0)
        finals.append(keras.ops.convert_to_numpy(gan.generator.layers[1].kernel))
    np.testing.assert_allclose(finals[0] - finals[1], 0.1 * 2 * 0.5 * start, atol=1e-6)


def test_orthogonal_regularization_decorrelates_the_generators_filters():
    def off_diagonal_mass(gan):
        return sum(float(OffDiagonalOrthogonal(1.0)(kernel)) for kernel in gan.generator.trainable_weights
                   if len(kernel.shape) >= 2 and "embedding" not in kernel.path)

    masses = []
    for beta in (None, 0.1):
        keras.utils.set_random_seed(0)
        gan = kerasgan.ConditionalGAN(num_classes=3, data_shape=(16, 16, 1), latent_dim=8, orthogonal_regularization=beta)
        gan.compile(keras.optimizers.Adam(1e-3), keras.optimizers.Adam(1e-3))
        gan.fit(batched(labelled_images(160), 16), verbose=0)
        masses.append(off_diagonal_mass(gan))
    assert masses[1] < 0.5 * masses[0], masses
