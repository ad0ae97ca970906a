"""Sampling any generator: a GAN, a saved generator file or a zoo entry, by one name.

- `latents`: z ~ N(0, I) (or U[-1, 1]), optionally truncated (the truncation trick).
- `slerp` / `latent_walks`: the DCGAN paper's latent-space walks (Radford et
  al. 2015, section 6.1), along great circles (White 2016, "Sampling
  generative networks") or straight lines.
- `Sampler(source)`: `source` is a saved `.keras` file (a kerasgan GAN or a
  bare generator) or a zoo entry name; `sample(z, labels)` gives images in
  [-1, 1] as numpy. What the `kerasgan sample`, `evaluate` and `interpolate`
  commands draw from.
"""

import numbers
import os

import keras
import numpy as np

# The truncation trick redraws up to this many times; redraw k of a seeded call uses seed + k * stride.
MAX_TRUNCATION_REDRAWS = 1000
TRUNCATION_SEED_STRIDE = 7919
BATCH_SIZE = 256
LATENT_DISTRIBUTIONS = ("normal", "uniform")


def latents(num_samples, latent_dim, seed, truncation=None, distribution="normal"):
    """z of shape [num_samples, latent_dim] from an integer seed or a `keras.random.SeedGenerator`:
    N(0, I) ("normal") or U[-1, 1] ("uniform", BEGAN's).

    With `truncation=t`, components larger than t in magnitude are redrawn
    until none is (Brock et al. 2019, BigGAN, section 3.1: a smaller threshold
    trades variety for fidelity). An integer seed gives the same latents
    every time.
    """
    if distribution not in LATENT_DISTRIBUTIONS:
        raise ValueError(f"Unknown latent distribution {distribution!r}; choose one of {LATENT_DISTRIBUTIONS}.")

    def draw(redraw):
        offset = int(seed) + redraw * TRUNCATION_SEED_STRIDE if isinstance(seed, numbers.Integral) else seed
        if distribution == "uniform":
            return keras.random.uniform((num_samples, latent_dim), -1.0, 1.0, seed=offset)
        return keras.random.normal((num_samples, latent_dim), seed=offset)

    z = draw(0)
    if truncation is None:
        return z
    if truncation <= 0:
        raise ValueError(f"truncation must be positive, got {truncation}.")
    z = np.array(keras.ops.convert_to_numpy(z))
    for redraw in range(1, MAX_TRUNCATION_REDRAWS + 1):
        outside = np.abs(z) > truncation
        if not outside.any():
            return keras.ops.convert_to_tensor(z)
        z[outside] = keras.ops.convert_to_numpy(draw(redraw))[outside]
    raise ValueError(f"truncation={truncation} is too small: latent components kept falling outside it.")


def slerp(start, end, fractions):
    """Points along the great circle from `start` to `end` ([D] each) at `fractions` in [0, 1]: [len, D].

    Falls back to the straight line when the two are (anti)parallel.
    """
    start, end = np.asarray(start, np.float64), np.asarray(end, np.float64)
    fractions = np.asarray(fractions, np.float64)[:, None]
    cosine = np.dot(start, end) / (np.linalg.norm(start) * np.linalg.norm(end))
    angle = np.arccos(np.clip(cosine, -1.0, 1.0))
    if np.sin(angle) < 1e-6:
        return (1 - fractions) * start + fractions * end
    return (np.sin((1 - fractions) * angle) * start + np.sin(fractions * angle) * end) / np.sin(angle)


def latent_walks(num_walks, steps, latent_dim, seed=0, path="slerp"):
    """[num_walks * steps, latent_dim]: walk i goes from one random latent to another in `steps` points,
    along the great circle ("slerp", for Gaussian latents) or the straight line ("linear")."""
    if path not in ("slerp", "linear"):
        raise ValueError(f"path must be 'slerp' or 'linear', got {path!r}.")
    if num_walks < 1 or steps < 2:
        raise ValueError(f"Need at least one walk of 2 steps, got {num_walks} walks of {steps}.")
    ends = np.asarray(keras.ops.convert_to_numpy(latents(2 * num_walks, latent_dim, seed)))
    fractions = np.linspace(0.0, 1.0, steps)
    walks = []
    for start, end in zip(ends[0::2], ends[1::2]):
        if path == "slerp":
            walks.append(slerp(start, end, fractions))
        else:
            walks.append((1 - fractions)[:, None] * start + fractions[:, None] * end)
    return np.concatenate(walks).astype("float32")


def _generator_signature(generator, card, name):
    """(conditional, latent_dim) of a bare generator: from its inputs (a functional model), or
    from its `latent_dim` and the card's number of classes (a subclassed one, ProGAN's)."""
    inputs = getattr(generator, "inputs", None)
    if inputs:
        if len(inputs) not in (1, 2) or len(inputs[0].shape) != 2:
            raise ValueError(f"{name!r} is not a generator from z (or z and labels) to images.")
        return len(inputs) == 2, int(inputs[0].shape[-1])
    if getattr(generator, "latent_dim", None) is None:
        raise ValueError(f"{name!r} is not a generator from z (or z and labels) to images.")
    return card.get("num_classes") is not None, int(generator.latent_dim)


class Sampler:
    """A GAN, saved GAN, saved generator or zoo entry, from z (and labels) to images in [-1, 1].

    Args:
        source: a kerasgan GAN, a `.keras` file path, or the name of a zoo
            entry (`kerasgan.zoo.list()`); a name that is neither is refused
            with the known entries listed.
    Attributes: `latent_dim`, `latent_distribution` (a zoo card's, else
    "normal" for a bare generator file), `num_classes` (None for
    unconditional generators; a conditional generator saved without its GAN
    or card has it unknown, and needs labels), `conditional`, `name`. Samples are clipped
    to [-1, 1] (a no-op for tanh outputs; BEGAN's and ProGAN's are linear).
    """

    def __init__(self, source):
        from kerasgan import zoo
        from kerasgan.core import GAN
        from kerasgan.io import load_model

        card = {}
        if isinstance(source, GAN):
            model, self.name = source, type(source).__name__
        elif os.path.isfile(str(source)) or os.sep in str(source) or str(source).endswith(".keras"):
            model, self.name = load_model(str(source)), str(source)
        else:
            self.name = str(source)
            model, card = zoo.load_verified_model(zoo.entry_dir(self.name))
        self.gan = model if isinstance(model, GAN) else None
        self.generator = model.sampling_generator if self.gan is not None else model
        if self.gan is not None:
            self.conditional = len(getattr(self.generator, "inputs", None) or [None]) == 2
            self.latent_dim = self.gan.latent_dim
        else:
            self.conditional, self.latent_dim = _generator_signature(self.generator, card, self.name)
        self.num_classes = self.gan.num_classes if self.gan is not None else card.get("num_classes")
        self.latent_distribution = (self.gan.latent_distribution if self.gan is not None
                                    else card.get("latent_distribution", "normal"))

    def labels_for(self, num_samples, labels=None):
        """Class ids for `num_samples` samples: the given ones (one per sample, or one for all), or
        every class equally often (0, 1, ..., K-1, 0, ...); None for an unconditional generator
        (and for a GAN that draws its own codes, InfoGAN)."""
        if not self.conditional or (self.gan is not None and self.num_classes is None and labels is None):
            if labels is not None and not self.conditional:
                raise ValueError(f"{self.name!r} is unconditional; it takes no labels.")
            return None
        if labels is None:
            if self.num_classes is None:
                raise ValueError(f"{self.name!r} is conditional and its number of classes is unknown: pass labels.")
            return np.arange(num_samples) % self.num_classes
        from kerasgan.core.inputs import checked_class_labels

        return checked_class_labels(labels, num_samples, self.num_classes)

    def sample(self, z, labels=None):
        """Images for latents `z` [N, latent_dim] (and, if conditional, labels), as numpy float32."""
        z = np.asarray(keras.ops.convert_to_numpy(z), dtype="float32")
        if z.ndim != 2 or z.shape[1] != self.latent_dim:
            raise ValueError(f"z must have shape [N, {self.latent_dim}], got {z.shape}.")
        from kerasgan.core.gan import run_in_batches

        labels = self.labels_for(len(z), labels)
        batch = (lambda start, stop: z[start:stop]) if labels is None else (
            lambda start, stop: [z[start:stop], labels[start:stop]])
        return np.clip(run_in_batches(self.generator, batch, len(z), BATCH_SIZE), -1.0, 1.0)

    def generate(self, num_samples, labels=None, seed=0, truncation=None):
        """`num_samples` images from seeded latents (truncated if asked); a GAN's own `generate`
        draws the same latents (and InfoGAN its codes)."""
        from kerasgan.core.inputs import checked_sample_count

        num_samples = checked_sample_count(num_samples)
        labels = self.labels_for(num_samples, labels)
        if self.gan is not None:
            return np.clip(self.gan.generate(num_samples, labels=labels, seed=seed, truncation=truncation), -1.0, 1.0)
        return self.sample(latents(num_samples, self.latent_dim, seed, truncation, self.latent_distribution), labels)
