"""The Dirac-GAN of Mescheder et al. 2018 ("Which training methods for GANs do actually converge?",
section 2.2), trained by kerasgan's own models, losses and penalties.

    python tools/dirac_gan.py --output docs/images/dirac_gan.png   # 3,000 SGD steps of 0.03

The data are a point mass at 0, the generator is a point mass at theta (a
network whose only parameter is theta), the discriminator is linear,
D(x) = psi * x. The unique equilibrium is (theta, psi) = (0, 0). Each
setting below is a kerasgan model trained with `fit` and SGD from
(theta, psi) = (1, 1); the tool prints, per setting, the distance to the
equilibrium at the start and at the end and whether it converged, and draws
each trajectory on the field of the unregularised game's gradient.

The paper's conclusions (section 3 and figure 3): unregularised GAN training
(minimax or non-saturating), WGAN with clipping, and WGAN-GP with a finite
number of critic steps circle around the equilibrium or drift away; instance
noise and the R1 penalty (a gradient penalty at the real data) converge.
"""

import argparse
import json

import keras
import numpy as np
from keras import ops

import kerasgan

START = (1.0, 1.0)
# Converged: within this distance of (0, 0) over the last tenth of the steps.
CONVERGED_RADIUS = 0.05
BATCH = 64


class PointMass(keras.layers.Layer):
    """The Dirac generator: every z maps to theta."""

    def build(self, input_shape):
        self.theta = self.add_weight(shape=(1,), initializer=keras.initializers.Constant(START[0]), name="theta")

    def call(self, z):
        return ops.zeros_like(z[:, :1]) + self.theta


def dirac_networks():
    z = keras.Input((1,))
    generator = keras.Model(z, PointMass()(z), name="dirac_generator")
    x = keras.Input((1,))
    psi = keras.layers.Dense(1, use_bias=False, kernel_initializer=keras.initializers.Constant(START[1]), name="psi")
    return generator, keras.Model(x, psi(x), name="linear_discriminator")


# name -> (model class, keyword arguments, critic steps per generator step)
SETTINGS = {
    "gan (minimax)": (kerasgan.DCGAN, {"generator_loss": "minimax"}, 1),
    "non-saturating": (kerasgan.DCGAN, {}, 1),
    "wgan (clip 1)": (kerasgan.WGAN, {"clip_value": 1.0, "n_critic": 1}, 1),
    "wgan (clip 1, 5 critic steps)": (kerasgan.WGAN, {"clip_value": 1.0, "n_critic": 5}, 5),
    "wgan-gp": (kerasgan.WGANGP, {"gp_weight": 1.0, "n_critic": 1}, 1),
    "wgan-gp (5 critic steps)": (kerasgan.WGANGP, {"gp_weight": 1.0, "n_critic": 5}, 5),
    "instance noise": (kerasgan.DCGAN, {"instance_noise": kerasgan.penalties.InstanceNoise(1.0, anneal_steps=10**9)}, 1),
    "r1 penalty": (kerasgan.DCGAN, {"penalty": kerasgan.penalties.R1Penalty(gamma=1.0)}, 1),
}


def trajectory(setting, steps=3000, learning_rate=0.03, seed=0):
    """(theta, psi) after every step of `setting`, from (1, 1): an array [steps + 1, 2]."""
    model_class, kwargs, critic_steps = SETTINGS[setting]
    keras.utils.set_random_seed(seed)
    gan = model_class(*dirac_networks(), latent_dim=1, seed=seed, **kwargs)
    gan.compile(keras.optimizers.SGD(learning_rate), keras.optimizers.SGD(learning_rate))
    points = [START]

    class Record(keras.callbacks.Callback):
        def on_train_batch_end(self, batch, logs=None):
            theta = float(keras.ops.convert_to_numpy(gan.generator.trainable_weights[0])[0])
            psi = float(keras.ops.convert_to_numpy(gan.discriminator.trainable_weights[0]).ravel()[0])
            points.append((theta, psi))

    # The point mass at 0, in minibatches of 64 so that instance noise averages over samples.
    data = np.zeros((steps * critic_steps * BATCH, 1), "float32")
    gan.fit(data, batch_size=critic_steps * BATCH, epochs=1, shuffle=False, callbacks=[Record()], verbose=0)
    return np.asarray(points)


def summary(points):
    """Distance to (0, 0) at the start and over the last tenth of the steps, and whether it converged."""
    distances = np.hypot(points[:, 0], points[:, 1])
    final = float(distances[-max(1, len(points) // 10):].max())
    return {"start": round(float(distances[0]), 3), "end": round(final, 3), "converged": final < CONVERGED_RADIUS}


def draw(trajectories, path):
    """Each trajectory over the unregularised GAN's gradient field, one panel per setting."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    columns = 4
    rows = (len(trajectories) + columns - 1) // columns
    figure, axes = plt.subplots(rows, columns, figsize=(4 * columns, 4 * rows))
    grid = np.linspace(-2, 2, 15)
    theta, psi = np.meshgrid(grid, grid)
    sigmoid = lambda t: 1 / (1 + np.exp(-t))  # noqa: E731
    # The minimax game's field: theta descends, psi ascends L = f(psi theta) + f(0), f(t) = -log(1 + e^-t).
    d_theta, d_psi = -sigmoid(-psi * theta) * psi, sigmoid(-psi * theta) * theta
    for axis, (name, points) in zip(axes.ravel(), trajectories.items()):
        axis.quiver(theta, psi, d_theta, d_psi, color="0.7")
        axis.plot(points[:, 0], points[:, 1], lw=1)
        axis.plot(*START, "go")
        axis.plot(0, 0, "r*")
        axis.set(title=name, xlabel="theta", ylabel="psi", xlim=(-2, 2), ylim=(-2, 2))
    for axis in axes.ravel()[len(trajectories):]:
        axis.axis("off")
    figure.tight_layout()
    figure.savefig(path, dpi=80)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--steps", type=int, default=3000)
    parser.add_argument("--learning-rate", type=float, default=0.03)
    parser.add_argument("--output", default="dirac_gan.png", help="PNG of the trajectories")
    args = parser.parse_args()
    trajectories = {name: trajectory(name, args.steps, args.learning_rate) for name in SETTINGS}
    print(json.dumps({name: summary(points) for name, points in trajectories.items()}, indent=2))
    draw(trajectories, args.output)


if __name__ == "__main__":
    main()
