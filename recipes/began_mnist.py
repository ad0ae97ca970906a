"""BEGAN on MNIST (28x28): the autoencoder discriminator and the k_t controller.

    python recipes/began_mnist.py --data-dir ../shared/data/mnist

Networks: `began_generator`/`began_discriminator` with n = 32 filters, two
convolutions per block as in the paper, and h = z = 64 (the paper's n is
64/128); minibatch 16, as in the paper. Adam(1e-4, beta_1=0.5) (the paper
gives only the learning rate), halved when the convergence measure stops
falling for two epochs of 500 steps.

gamma = 1.5 and lambda_k = 0.01 instead of the paper's CelebA values (0.5,
0.001; the paper keeps gamma in [0, 1]). The pixel-wise L1 loss of MNIST
favours sparse images, and the generator meets any gamma <= 1 by drawing
them (measured, 28x28, n = 32, minibatch 16):
- gamma 0.5 (and 0.7): the generator's first images are reconstructed
  worse than gamma L(x), so k_t falls to 0 within the first 1,000 steps and
  stays there; the discriminator never pushes fakes away and the generator
  collapses onto blank or grey images (FID 560-584 at 0.5, 494 at 0.7,
  recall 0).
- gamma 1.0: k_t stays near 0.1, but the samples narrow to thin 1s (FID 446
  after 3,000 steps with one convolution per block, 498 after 6,000 with
  two).
- gamma 1.5: k_t reaches 0.5 early and the samples stay varied, blurry
  strokes of several classes (FID 237-270 from step 500 to 2,000 in a probe,
  recall 0.13 at 2,000), then drift back towards 1s (FID 386, recall 0.07
  after this script's 3,000 steps): better than gamma <= 1, not yet
  digit-like.
- gamma 2.0: k_t reaches 1 by step 1,000 and the losses grow (L(x) 0.3 to
  5.5, FID 484).
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
    flags.add_argument("--gamma", type=float, default=1.5)
    flags.add_argument("--lambda-k", type=float, default=0.01)
    flags.add_argument("--convs-per-block", type=int, default=2)
    flags.add_argument("--eta", type=int, default=1, choices=(1, 2), help="autoencoder loss exponent (1: L1, 2: L2)")
    args = flags.parse_args()
    keras.utils.set_random_seed(args.seed)
    gan = kerasgan.BEGAN(
        generator=began_generator((28, 28, 1), 64, args.filters, args.convs_per_block),
        discriminator=began_discriminator((28, 28, 1), 64, args.filters, args.convs_per_block),
        gamma=args.gamma,
        lambda_k=args.lambda_k,
        eta=args.eta,
        seed=args.seed,
    )
    gan.compile(keras.optimizers.Adam(1e-4, beta_1=0.5), keras.optimizers.Adam(1e-4, beta_1=0.5), jit_compile=True)
    dataset = kerasgan.data.mnist_dataset(args.batch_size, args.data_dir, seed=args.seed)
    started = time.perf_counter()
    gan.fit(
        dataset.repeat(),
        epochs=max(1, args.steps // STEPS_PER_EPOCH),
        steps_per_epoch=min(args.steps, STEPS_PER_EPOCH),
        callbacks=[kerasgan.callbacks.ReduceLearningRatesOnPlateau("convergence", patience=2), Progress()],
        verbose=0,
    )
    config = {"model": "BEGAN", "steps": args.steps, "batch_size": args.batch_size, "filters": args.filters, "gamma": args.gamma, "lambda_k": args.lambda_k, "eta": args.eta, "convs_per_block": args.convs_per_block}
    finish(gan, args, config, time.perf_counter() - started)


if __name__ == "__main__":
    main()
