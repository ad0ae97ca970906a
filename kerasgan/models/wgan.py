"""WGAN (Arjovsky, Chintala & Bottou 2017, "Wasserstein GAN", arXiv:1701.07875)."""

import keras

from kerasgan.layers import ClipConstraint
from kerasgan.models.wasserstein import WassersteinGAN


def clip_all_parameters(network, clip_value):
    """Attaches `ClipConstraint(clip_value)` to every trainable variable of `network`.

    Kernels, biases and also BatchNorm's gamma and beta: the optimizer applies
    a variable's constraint after each update, so every parameter of the
    critic is clipped, as in Algorithm 1 (and the authors' code, which
    clamps all of `netD.parameters()`).
    """
    for variable in network.trainable_variables:
        if variable.constraint is None:
            variable.constraint = ClipConstraint(clip_value)
        elif not isinstance(variable.constraint, ClipConstraint):
            raise ValueError(
                f"Critic variable {variable.path} already has the constraint "
                f"{variable.constraint!r}; WGAN must clip every critic parameter. "
                "Remove that constraint or use WGANGP."
            )
        elif variable.constraint.clip_value != clip_value:
            raise ValueError(
                f"Critic variable {variable.path} is clipped at "
                f"{variable.constraint.clip_value}, not clip_value={clip_value}."
            )


@keras.saving.register_keras_serializable(package="kerasgan")
class WGAN(WassersteinGAN):
    """Wasserstein GAN with weight clipping (Algorithm 1 of the paper).

    Per generator update: `n_critic` (5) critic updates, each on a fresh real
    minibatch and fresh noise, with RMSprop(5e-5), after each of which every
    critic parameter is clipped to [-clip_value, clip_value] (c = 0.01);
    then one generator update. The critic's output is linear.

    Batching: one `train_step` consumes `n_critic` real minibatches, so batch
    the dataset with `n_critic * m` for minibatch size m (`m = 64` in the
    paper). `fresh_real_batches=False` reuses one minibatch of size m for all
    critic updates instead. Common tutorials (e.g. keras.io's WGAN-GP
    example) reuse one batch and clip only kernels; this follows the paper.
    The authors' code also runs 100 critic updates for the first 25
    generator updates and every 500th; that schedule is not in Algorithm 1
    and is not applied here.

    Default networks: DCGAN's, with BatchNorm in the critic as in the paper
    (its gamma and beta are clipped too); MLPs for vector data.
    """

    def __init__(self, generator=None, discriminator=None, clip_value=0.01, n_critic=5, **kwargs):
        super().__init__(generator, discriminator, n_critic=n_critic, **kwargs)
        self.clip_value = float(clip_value)
        clip_all_parameters(self.discriminator, self.clip_value)

    def default_optimizers(self):
        return keras.optimizers.RMSprop(5e-5), keras.optimizers.RMSprop(5e-5)

    def get_config(self):
        config = super().get_config()
        config["clip_value"] = self.clip_value
        return config
