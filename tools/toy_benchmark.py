"""Mode coverage of GAN objectives on the 2-D ring and grid (PacGAN protocol).

Trains GAN (non-saturating), LSGAN, WGAN, WGAN-GP, hinge + spectral norm,
Cramer GAN, EBGAN, and GAN with feature matching or minibatch discrimination
(Salimans et al. 2016) with the same MLPs on 8 Gaussians on the unit circle (std 0.01) and 25
Gaussians at {-4, -2, 0, 2, 4}^2 (std 0.05), for several seeds, and prints
modes captured and % high-quality samples (within 3 std of the nearest mode),
averaged over seeds. Saves one PNG per data set: samples over the critic's
value surface, one panel per method (like the WGAN-GP paper's figure 1).

Examples (the tables in docs/toy_benchmark.md, on 2 CPU cores): every method, about 30
minutes; WGAN-GP at the budget that meets the 24 / 25 modes, 80% target:
    python tools/toy_benchmark.py --seeds 3
    python tools/toy_benchmark.py --methods WGAN-GP --steps 10000 --batch-size 256 --seeds 3
The objectives and stabilisers of docs/objectives.md (about an hour, most of it minibatch
discrimination's pairwise distances):
    python tools/toy_benchmark.py --methods GAN GAN+FM Cramer EBGAN GAN+MD --seeds 3
"""

import argparse
import json
import os
import time

import keras
import numpy as np
import tensorflow as tf

import kerasgan
from kerasgan.architectures import ebgan_discriminator, mlp_discriminator, mlp_generator
from kerasgan.data.pipelines import batches
from kerasgan.data.toy import TOY_DISTRIBUTIONS, sample_mixture
from kerasgan.io import atomic_write_bytes
from kerasgan.metrics import mode_coverage

# Each method: the model class, its constructor options, and its optimizer
# as a function of how many updates that optimizer makes in the run. WGAN
# keeps the paper's RMSprop(5e-5), c = 0.01 and n_critic = 5. WGAN-GP uses
# the authors' toy lambda = 0.1 (gan_toy.py) with Adam(1e-3, 0.5, 0.9)
# decayed linearly to 1e-5 over the run, as the authors' image scripts decay
# to 0. Measured on the grid: the toy script's constant 1e-4 leaves samples
# spread between modes (6.9% high quality after 5,000 steps) and lambda = 10
# (the image setting) leaves the critic's scores too flat to move the
# generator (14 / 25 modes, 1.4% after 3,000 steps at 1e-3).
METHODS = {
    "GAN": (kerasgan.DCGAN, {}, lambda updates: keras.optimizers.Adam(2e-4, beta_1=0.5)),
    "LSGAN": (kerasgan.LSGAN, {}, lambda updates: keras.optimizers.Adam(2e-4, beta_1=0.5)),
    "WGAN": (kerasgan.WGAN, {}, lambda updates: keras.optimizers.RMSprop(5e-5)),
    "WGAN-GP": (
        kerasgan.WGANGP,
        {"gp_weight": 0.1},
        lambda updates: keras.optimizers.Adam(
            keras.optimizers.schedules.PolynomialDecay(1e-3, updates, 1e-5), beta_1=0.5, beta_2=0.9
        ),
    ),
    "Hinge+SN": (kerasgan.HingeGAN, {}, lambda updates: keras.optimizers.Adam(2e-4, beta_1=0.5)),
    # Cramer GAN with WGAN-GP's toy schedule; lambda = 1 (lambda = 10 left 12% high quality on
    # the ring after 1,500 steps, lambda = 1: 76%).
    "Cramer": (
        kerasgan.CramerGAN,
        {"gp_weight": 1.0},
        lambda updates: keras.optimizers.Adam(
            keras.optimizers.schedules.PolynomialDecay(1e-3, updates, 1e-5), beta_1=0.5, beta_2=0.9
        ),
    ),
    "EBGAN": (kerasgan.EBGAN, {"margin": 1.0}, lambda updates: keras.optimizers.Adam(2e-4, beta_1=0.5)),
    "GAN+FM": (kerasgan.DCGAN, {"feature_matching": True}, lambda updates: keras.optimizers.Adam(2e-4, beta_1=0.5)),
    "GAN+MD": (kerasgan.DCGAN, {}, lambda updates: keras.optimizers.Adam(2e-4, beta_1=0.5)),
}
CRAMER_FEATURES = 16


def toy_discriminator(method, hidden_units):
    """The discriminator every method shares, in the form its objective needs."""
    if method == "EBGAN":
        return ebgan_discriminator((2,), code_dim=hidden_units[-1] // 4, hidden_units=hidden_units)
    return mlp_discriminator(
        2, hidden_units, spectral_norm=method == "Hinge+SN", minibatch_discrimination=method == "GAN+MD",
        output_units=CRAMER_FEATURES if method == "Cramer" else 1,
    )


def build(method, steps, hidden_units, latent_dim, seed):
    model_class, options, make_optimizer = METHODS[method]
    keras.utils.set_random_seed(seed)
    generator = mlp_generator(2, latent_dim, hidden_units)
    discriminator = toy_discriminator(method, hidden_units)
    gan = model_class(generator=generator, discriminator=discriminator, seed=seed, **options)
    gan.compile(
        d_optimizer=make_optimizer(steps * gan.n_critic), g_optimizer=make_optimizer(steps), jit_compile=True
    )
    return gan


def train_one(method, data_name, steps, batch_size, hidden_units, latent_dim, seed, num_eval):
    centers, std = TOY_DISTRIBUTIONS[data_name]
    gan = build(method, steps, hidden_units, latent_dim, seed)
    per_step = batch_size * gan.n_critic
    points = sample_mixture(centers, std, per_step * steps, seed=seed)
    dataset = batches(points, per_step, shuffle=False, output="tf.data")
    started = time.perf_counter()
    gan.fit(dataset, epochs=1, verbose=0)
    seconds = time.perf_counter() - started
    samples = gan.generate(num_eval, seed=seed + 1000)
    coverage = mode_coverage(samples, centers, std)
    return gan, samples, coverage, seconds


def critic_values(gan, points, samples):
    """The critic's value at `points`: its score, EBGAN's energy, or Cramer GAN's critic
    f(x) = E||h(x) - h(x')|| - ||h(x)|| with x' the generator's `samples`."""
    # In chunks the size of a training batch: a minibatch-discrimination critic compares each
    # point with the rest of its batch (and a 96 x 96 grid at once does not fit in memory).
    values = np.concatenate([
        keras.ops.convert_to_numpy(gan.adversarial_scores(gan.discriminator(points[start : start + 128], training=False)))
        for start in range(0, len(points), 128)
    ])
    if values.ndim == 2 and values.shape[1] > 1:
        reference = keras.ops.convert_to_numpy(gan.discriminator(samples[:256], training=False))
        distances = np.linalg.norm(values[:, None] - reference[None], axis=-1).mean(axis=1)
        return distances - np.linalg.norm(values, axis=-1)
    return values


def surface_panel(gan, samples, centers, extent, size=96):
    """RGB panel: critic value as grey levels, samples red, modes green."""
    ticks = np.linspace(-extent, extent, size, dtype=np.float32)
    grid = np.stack(np.meshgrid(ticks, ticks[::-1]), axis=-1).reshape(-1, 2)
    values = critic_values(gan, grid, samples).reshape(size, size)
    grey = (values - values.min()) / (np.ptp(values) + 1e-12)
    panel = np.repeat((60 + 120 * grey)[..., None], 3, axis=-1)

    def to_pixels(points):
        cols = np.round((points[:, 0] + extent) / (2 * extent) * (size - 1)).astype(int)
        rows = np.round((extent - points[:, 1]) / (2 * extent) * (size - 1)).astype(int)
        keep = (cols >= 0) & (cols < size) & (rows >= 0) & (rows < size)
        return rows[keep], cols[keep]

    panel[to_pixels(samples)] = (255, 40, 40)
    panel[to_pixels(np.asarray(centers, np.float32))] = (40, 255, 40)
    return panel.astype(np.uint8)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--methods", nargs="+", default=list(METHODS), choices=list(METHODS))
    parser.add_argument("--data", nargs="+", default=["ring", "grid"], choices=sorted(TOY_DISTRIBUTIONS))
    parser.add_argument("--steps", type=int, default=5000, help="generator updates per run")
    parser.add_argument("--batch-size", type=int, default=128)
    parser.add_argument("--hidden-units", type=int, nargs="+", default=[128, 128, 128])
    parser.add_argument("--latent-dim", type=int, default=2)
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--num-eval", type=int, default=2500)
    parser.add_argument("--output-dir", default=os.path.join("runs", "toy_benchmark"))
    args = parser.parse_args()

    rows = []
    print(f"{'data':5} {'method':9} {'modes':>11} {'high quality':>13} {'s/run':>6}")
    for data_name in args.data:
        centers, _ = TOY_DISTRIBUTIONS[data_name]
        extent = 1.5 if data_name == "ring" else 5.5
        panels = []
        for method in args.methods:
            results = []
            for seed in range(args.seeds):
                gan, samples, coverage, seconds = train_one(
                    method, data_name, args.steps, args.batch_size,
                    tuple(args.hidden_units), args.latent_dim, seed, args.num_eval,
                )
                results.append((coverage["modes"], coverage["high_quality"], seconds))
                if seed == 0:
                    panels.append(surface_panel(gan, samples[:1000], centers, extent))
            modes, quality, seconds = (np.array(column, dtype=float) for column in zip(*results))
            rows.append({
                "data": data_name, "method": method, "modes_mean": modes.mean(), "modes_per_seed": modes.tolist(),
                "num_modes": len(centers), "high_quality_mean": quality.mean(),
                "high_quality_per_seed": quality.tolist(), "seconds_per_run": seconds.mean(),
            })
            print(f"{data_name:5} {method:9} {modes.mean():5.1f} / {len(centers):<3} {100 * quality.mean():12.1f}% {seconds.mean():6.0f}",
                  flush=True)
        figure = np.concatenate([np.pad(p, ((4, 4), (4, 4), (0, 0)), constant_values=255) for p in panels], axis=1)
        atomic_write_bytes(os.path.join(args.output_dir, f"{data_name}.png"), tf.io.encode_png(figure).numpy())
    settings = {key: value for key, value in vars(args).items() if key != "output_dir"}
    atomic_write_bytes(
        os.path.join(args.output_dir, "results.json"),
        json.dumps({"settings": settings, "results": rows}, indent=2).encode(),
    )


if __name__ == "__main__":
    main()
