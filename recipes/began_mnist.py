"""BEGAN on MNIST (28x28): the autoencoder discriminator and the k_t controller.

    python recipes/began_mnist.py --data-dir ../shared/data/mnist

Networks: `began_generator`/`began_discriminator` with n = 32 filters, two
convolutions per block as in the paper, and h = z = 64 (the paper's n is
64/128). The discriminator's encoder also gets 96 minibatch
standard-deviation maps (one per feature of its 7x7 block) before its last
block, and samples come from a moving average of the generator's weights
(decay 0.999): two departures from the paper, below. Adam(1e-4,
beta_1=0.5) (the paper gives only the learning rate), halved when the
convergence measure stops falling for two epochs of 500 steps;
9,000 steps take about an hour on 2 CPU cores.

The defaults differ from the paper's CelebA settings (L1, gamma 0.5,
lambda_k 0.001, minibatch 16): the L2 autoencoder loss (eta = 2, the
paper's other norm), gamma 1.3, lambda_k 0.02 (the L2 losses are about a
third of the L1 ones, so k_t needs a larger step to react), minibatch 32.
Why (measured, 28x28, n = 32; figures in docs/mnist_recipes.md):
- The equilibrium only fixes E[L(G(z))] = gamma E[L(x)], and MNIST's
  classes are unequally hard to reconstruct: trained discriminators
  reconstruct 1s at 0.53 (L2) to 0.74 (L1) of the mean and 7s at about 0.8
  (`tools/began_class_losses.py`). Real-looking 1s alone give
  L(G)/E[L(x)] of 0.53-0.74, so a generator of 1s meets gamma 0.7-1.0
  once the discriminator reconstructs them somewhat worse than real ones,
  and the runs end there: gamma 0.5 (blank images) and 0.7 collapse (L1
  FID 494-584, L2 FID 345-614), and gamma 1.0 settles on 1s with
  L(G)/L(x) at 1 and k_t at 0.12 (L1 FID 446-498, L2 FID 417).
- gamma above 1 asks for fakes reconstructed worse than the average real
  image, far from what real-looking 1s give. gamma 1.3 with L2: FID 293
  after 3,000 steps, varied blurry strokes; by 4,500 steps they drift back
  towards 1s (FID 334), and gamma 1.6 is worse (FID 352). gamma 1.5 with
  L1: FID 386. gamma 2.0 with L1 overshoots (k_t at 1, growing losses).
- Without the minibatch statistic (`--minibatch-stddev-channels 0`, the
  paper's discriminator) seeds 0 and 1 give FID 293 and 282 after 3,000
  steps and the samples drift towards 1s from step ~1,250 on.
  `--skip-connections` (the paper's section 3.5.1) gives 272 and 312,
  within that spread, so it is off by default.
- The statistic lets the discriminator reconstruct a batch of look-alike
  fakes worse than a varied real batch; it leaves the per-class imbalance
  of real images unchanged (1s still at 0.44 of the mean). One map
  (ProGAN's layer) gives FID 248 with seed 1; one map per feature (the
  default) gives FID 160 with seed 1 after 3,000 steps, and a probe with
  seed 0 fell steadily from 255 at step 1,000 to 177 at 3,000 (2,000
  samples) with no drift to 1s. 4,500 steps reach FID 132 (seed 0) and
  135 (seed 1), still falling.
- Longer, the trained generator's FID wanders (seed 0, 2,000 samples: 131,
  127, 119 and 140 at steps 4,500 to 9,000), and its moving average
  (`--ema-decay 0.999`, as ProGAN's; 0 turns it off) smooths that out:
  162, 129, 118, 116 (it lags while the FID falls fast). With 5,000
  samples the average scores FID 114.5 (seed 0) and 89.9 (seed 1) at
  the default 9,000 steps, against 138.9 for seed 0's trained generator
  (ProGAN's recipe: 86.7). 62-63% of the samples get a label with
  probability above 0.9 from the MNIST classifier (98% of validation
  images), every class 4-16% of them (`tools/mnist_class_census.py`).
"""

import keras

import kerasgan
from kerasgan.architectures import began_discriminator, began_generator
from mnist_common import finish, fit_for_steps, parse, parser
from run_common import distribution

def main():
    flags = parser("began_mnist", __doc__.splitlines()[0], steps=9000, batch_size=32)
    flags.add_argument("--filters", type=int, default=32)
    flags.add_argument("--embedding-dim", type=int, default=64, help="h, also the generator's z size")
    flags.add_argument("--gamma", type=float, default=1.3)
    flags.add_argument("--lambda-k", type=float, default=0.02)
    flags.add_argument("--convs-per-block", type=int, default=2)
    flags.add_argument(
        "--skip-connections", action="store_true", help="the paper's optional h0 skip connections (section 3.5.1)"
    )
    flags.add_argument(
        "--minibatch-stddev-channels",
        type=lambda text: text if text == "per_feature" else int(text),
        default="per_feature",
        help="minibatch standard-deviation maps in the encoder (not in BEGAN): a number, or per_feature "
        "(the default: one per feature of its last block); 0: none",
    )
    flags.add_argument(
        "--ema-decay", type=float, default=0.999, help="samples come from this moving average of the generator "
        "(not in BEGAN; 0: the trained generator itself)",
    )
    flags.add_argument("--eta", type=int, default=2, choices=(1, 2), help="autoencoder loss exponent (1: L1, 2: L2)")
    args = parse(flags)
    keras.utils.set_random_seed(args.seed)
    network_args = ((28, 28, 1), args.embedding_dim, args.filters, args.convs_per_block, args.skip_connections)
    with distribution(args):
        gan = kerasgan.BEGAN(
            generator=began_generator(*network_args),
            discriminator=began_discriminator(*network_args, minibatch_stddev_channels=args.minibatch_stddev_channels),
            gamma=args.gamma,
            lambda_k=args.lambda_k,
            eta=args.eta,
            seed=args.seed,
            ema_decay=args.ema_decay or None,
        )
        gan.compile(keras.optimizers.Adam(1e-4, beta_1=0.5), keras.optimizers.Adam(1e-4, beta_1=0.5))
    dataset = kerasgan.data.mnist_dataset(args.batch_size, args.data_dir, seed=args.seed)
    seconds = fit_for_steps(gan, dataset, args, callbacks=[kerasgan.callbacks.ReduceLearningRatesOnPlateau("convergence", patience=2)])
    settings = (
        "filters", "embedding_dim", "gamma", "lambda_k", "eta",
        "convs_per_block", "skip_connections", "minibatch_stddev_channels", "ema_decay",
    )
    config = {name: getattr(args, name) for name in settings}
    finish(gan, args, config, seconds)


if __name__ == "__main__":
    main()
