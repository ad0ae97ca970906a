"""BEGAN on MNIST (28x28): the autoencoder discriminator and the k_t controller.

    python recipes/began_mnist.py --data-dir ../shared/data/mnist

Networks: `began_generator`/`began_discriminator` with n = 32 filters, one
convolution per block and h = z = 64, a CPU-sized version of the paper's
n = 64/128, two convolutions per block; minibatch 16, as in the paper.
Adam(1e-4, beta_1=0.5) (the paper gives only the learning rate), halved when
the convergence measure stops falling for two epochs of 500 steps.

gamma = 1.0 and lambda_k = 0.01 instead of the paper's CelebA values (0.5,
0.001). MNIST's autoencoder losses are on a different scale: with gamma 0.5
the generator's first images are reconstructed worse than gamma L(x), so
k_t falls to 0 within the first 1,000 steps and stays there, the
discriminator never pushes fakes away, and the generator collapses onto
blank or grey images that the autoencoder reproduces (measured: FID 560-584
at gamma 0.5 and 494 at gamma 0.7, recall 0). With gamma 1.0 and a faster k_t, k_t rises from the start and
the samples become strokes, mostly 1s (FID 446): better, but still a partial
collapse at this size.
"""

import time

import keras

import kerasgan
from kerasgan.architectures import began_discriminator, began_generator
from mnist_common import Progress, finish, parser

STEPS_PER_EPOCH = 500


def main():
    flags = parser(__doc__.splitlines()[0], steps=3000, batch_size=16, output_dir="runs/began_mnist")
    flags.add_argument("--filters", type=int, default=32)
    flags.add_argument("--gamma", type=float, default=1.0)
    flags.add_argument("--lambda-k", type=float, default=0.01)
    args = flags.parse_args()
    keras.utils.set_random_seed(args.seed)
    gan = kerasgan.BEGAN(
        generator=began_generator((28, 28, 1), 64, args.filters, convs_per_block=1),
        discriminator=began_discriminator((28, 28, 1), 64, args.filters, convs_per_block=1),
        gamma=args.gamma,
        lambda_k=args.lambda_k,
        seed=args.seed,
    )
    gan.compile(keras.optimizers.Adam(1e-4, beta_1=0.5), keras.optimizers.Adam(1e-4, beta_1=0.5))
    dataset = kerasgan.data.mnist_dataset(args.batch_size, args.data_dir, seed=args.seed)
    started = time.perf_counter()
    gan.fit(
        dataset.repeat(),
        epochs=max(1, args.steps // STEPS_PER_EPOCH),
        steps_per_epoch=min(args.steps, STEPS_PER_EPOCH),
        callbacks=[kerasgan.callbacks.ReduceLearningRatesOnPlateau("convergence", patience=2), Progress()],
        verbose=0,
    )
    config = {"model": "BEGAN", "steps": args.steps, "batch_size": args.batch_size, "filters": args.filters, "gamma": args.gamma, "lambda_k": args.lambda_k}
    finish(gan, args, config, time.perf_counter() - started)


if __name__ == "__main__":
    main()
