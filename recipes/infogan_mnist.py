"""InfoGAN on unlabelled MNIST, in one command.

    python recipes/infogan_mnist.py --data-dir ../shared/data/mnist

Chen et al.'s MNIST setting (appendix C.1): 62 noise dimensions, a 10-way
categorical code and 2 continuous codes ~ U(-1, 1), Q sharing D's body,
Adam(2e-4) for D and Q and Adam(1e-3) for G, on DCGAN's networks, minibatch
64 from the 55,000-image training split, no labels. Reports, besides FID and
classifier score, the paper's unsupervised classification figure: Q's
categorical code used as a digit classifier on the validation split after
the best one-to-one matching of codes to digits (the paper: about 5% error),
and writes the paper's figure 2 grids: `categories.png` (row i: code i) and
`continuous_1.png`, `continuous_2.png` (row: a category, column: the code
from -2 to 2, beyond the training range, as in the paper).
"""

import os

import keras
import numpy as np
from scipy.optimize import linear_sum_assignment

import kerasgan
from kerasgan.io import save_image_grid
from mnist_common import finish, fit_for_steps, parse, parser
from run_common import distribution


def unsupervised_accuracy(gan, images, labels):
    """Accuracy of Q's categorical code as a digit classifier after the best code-to-digit matching."""
    codes, _ = gan.infer_codes(kerasgan.data.scale_images(images))
    counts = np.zeros((gan.num_categories, 10))
    np.add.at(counts, (codes, labels), 1)
    rows, columns = linear_sum_assignment(-counts)
    return round(float(counts[rows, columns].sum() / len(labels)), 4)


def code_grids(gan, output_dir, seed):
    categories = np.repeat(np.arange(10), 10)
    save_image_grid(gan.generate(100, labels=categories, continuous=np.zeros(2), seed=seed),
                    os.path.join(output_dir, "categories.png"), columns=10)
    sweep = np.tile(np.linspace(-2, 2, 10), 10)
    for index in range(gan.num_continuous):
        continuous = np.zeros((100, gan.num_continuous), "float32")
        continuous[:, index] = sweep
        z_per_row = np.repeat(keras.ops.convert_to_numpy(gan.sample_latents(10, seed=seed)), 10, axis=0)
        codes = keras.ops.convert_to_numpy(gan.codes(categories, continuous))
        samples = keras.ops.convert_to_numpy(gan.sampling_generator([z_per_row, codes], training=False))
        save_image_grid(samples, os.path.join(output_dir, f"continuous_{index + 1}.png"), columns=10)


def main():
    flags = parser("infogan_mnist", __doc__.splitlines()[0], steps=10_000, batch_size=64)
    args = parse(flags)
    keras.utils.set_random_seed(args.seed)
    with distribution(args):
        gan = kerasgan.InfoGAN(seed=args.seed)
        gan.compile()
    seconds = fit_for_steps(gan, kerasgan.data.mnist_dataset(args.batch_size, args.data_dir, seed=args.seed), args)
    images, labels = kerasgan.data.load_mnist(args.data_dir, split="validation", with_labels=True)
    config = {"unsupervised_digit_accuracy": unsupervised_accuracy(gan, images, labels)}
    finish(gan, args, config, seconds)
    code_grids(gan, args.output_dir, args.seed)


if __name__ == "__main__":
    main()
