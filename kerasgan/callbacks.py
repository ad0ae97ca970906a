"""Keras callbacks for GAN training."""

import os
import shutil
import tempfile

import keras
import numpy as np

from kerasgan.distribute import is_chief
from kerasgan.evaluation import score_features
from kerasgan.io import PARTIAL_PREFIX
from kerasgan.io import save_image_grid
from kerasgan.io import save_model_atomically
from kerasgan.metrics import defaults
from kerasgan.metrics import get_extractor
from kerasgan.metrics import get_metric
from kerasgan.metrics import reference_activations


class SampleGrid(keras.callbacks.Callback):
    """Saves a PNG grid of samples from fixed noise every `every_n_epochs`.

    The same latent vectors are used at every epoch, so the grids show how
    the generator's mapping evolves. With `log_dir` the grid also goes to
    TensorBoard as an image summary.

    Args:
        output_dir: folder for `samples_epoch_XXXX.png` files (None: no PNG).
        num_samples: images per grid.
        every_n_epochs: how often to write.
        seed: seed of the fixed latent vectors.
        log_dir: TensorBoard log folder, or None.
    """

    def __init__(self, output_dir=None, num_samples=64, every_n_epochs=1, seed=0, log_dir=None):
        super().__init__()
        if output_dir is None and log_dir is None:
            raise ValueError("SampleGrid needs an output_dir, a log_dir or both.")
        self._summary = None if log_dir is None else _tensorboard_summary()
        self.output_dir = output_dir
        self.num_samples = num_samples
        self.every_n_epochs = every_n_epochs
        self.seed = seed
        self.log_dir = log_dir
        self.latents = None
        self.last_path = None
        self._writer = None

    def on_train_begin(self, logs=None):
        self.latents = self.model.sample_latents(self.num_samples, seed=self.seed)
        if self.log_dir is not None and self._writer is None:
            self._writer = self._summary.create_file_writer(os.path.join(self.log_dir, "samples"))

    def on_epoch_end(self, epoch, logs=None):
        if (epoch + 1) % self.every_n_epochs:
            return
        images = keras.ops.convert_to_numpy(self.model.sampling_generator(self.latents, training=False))
        if self.output_dir is not None:
            self.last_path = os.path.join(self.output_dir, f"samples_epoch_{epoch + 1:04d}.png")
            save_image_grid(images, self.last_path)
        if self._writer is not None:
            with self._writer.as_default():
                self._summary.image("samples", (images[:16] + 1.0) / 2.0, step=epoch + 1, max_outputs=16)
            self._writer.flush()


def _tensorboard_summary():
    """`tf.summary`, which writes TensorBoard images: it needs TensorFlow and tensorboard."""
    try:
        import tensorboard  # noqa: F401  (tf.summary.image needs it)
        import tensorflow as tf
    except ImportError as error:
        raise ImportError(
            "SampleGrid(log_dir=...) writes TensorBoard images and needs the tensorflow and "
            "tensorboard packages: pip install 'kerasgan[tensorboard]'."
        ) from error
    return tf.summary


class SampleMetric(keras.callbacks.Callback):
    """Scores generated samples with a registered metric during training.

    Every `every_n_epochs`, scores `num_samples` generated from fixed noise
    with `metric` (a name from `kerasgan.metrics.available_metrics()`) and
    writes its values into the epoch's `logs` (so they show in the progress
    bar, `History` and a `TensorBoard` callback listed after this one).

    Args:
        metric: registry name of the metric ("fid", "kid", ...).
        extractor: registry name ("mnist_classifier", "inception_v3"), a
            `keras.Model` or a `kerasgan.metrics.FeatureExtractor`.
        real_images: real images in [-1, 1] (or a callable returning them)
            for the reference activations; not needed by metrics without a
            reference (the Inception Score, class agreement).
        real_labels: the real images' classes, for class-conditional metrics
            with a reference ("intra_fid"). Class-conditional metrics sample
            every class of the model's `num_classes` equally often.
        num_samples, every_n_epochs: defaults in `kerasgan.metrics.defaults`.
        dataset, split: names of the real data, part of the cache key.
        cache_dir: reference-activation cache (default ~/.cache/kerasgan).
        sample_transform: a function applied to the generated images before
            they are scored (`kerasgan.data.crop_padding` for a generator of
            padded digits, such as ProGAN's 32x32 MNIST).
        **options: keyword arguments of the metric (e.g. KID's `subset_size`).
    """

    def __init__(self, metric, extractor, real_images=None, num_samples=defaults.CALLBACK_NUM_SAMPLES,
                 every_n_epochs=defaults.CALLBACK_EVERY_N_EPOCHS, seed=0, dataset="custom", split="train",
                 cache_dir=None, real_labels=None, sample_transform=None, **options):
        super().__init__()
        self.metric_name = metric
        self.metric = get_metric(metric)  # an unknown name fails here, listing the known ones
        if self.metric.needs_reference and real_images is None:
            raise ValueError(f"{type(self).__name__} needs real_images for its reference statistics.")
        if self.metric.uses_labels and self.metric.needs_reference and real_labels is None:
            raise ValueError(f"The metric {metric!r} is class-conditional: pass real_labels with the real_images.")
        self.real_labels = real_labels
        self.extractor_spec = extractor
        self.real_images = real_images
        self.num_samples = num_samples
        self.every_n_epochs = every_n_epochs
        self.seed = seed
        self.dataset, self.split, self.cache_dir = dataset, split, cache_dir
        self.options = options
        self.sample_transform = sample_transform or (lambda images: images)
        self.extractor = None
        self.reference = None

    def on_train_begin(self, logs=None):
        if self.extractor is None:
            self.extractor = get_extractor(self.extractor_spec)
        if self.metric.needs_reference and self.reference is None:
            self.reference = reference_activations(
                self.real_images, self.dataset, self.split, self.extractor, self.cache_dir
            )

    def on_epoch_end(self, epoch, logs=None):
        if logs is None or (epoch + 1) % self.every_n_epochs:
            return
        if not self.metric.uses_labels:
            logs.update(self.score(self.sample_transform(self.model.generate(self.num_samples, seed=self.seed))))
            return
        if not getattr(self.model, "num_classes", None):
            raise ValueError(f"The metric {self.metric_name!r} is class-conditional; the model has no num_classes.")
        labels = np.arange(self.num_samples) % self.model.num_classes
        samples = self.model.generate(self.num_samples, labels=labels, seed=self.seed)
        logs.update(self.score(self.sample_transform(samples), labels))

    def score(self, fake_images, fake_labels=None):
        """Returns {log name: value} for generated images (generated for `fake_labels`)."""
        fake = None if self.metric.uses_logits else self.extractor.features(fake_images)
        return score_features(
            (self.metric_name,), self.reference, fake, lambda: self.extractor.logits(fake_images),
            {self.metric_name: self.options}, self.real_labels, fake_labels,
        )


class FID(SampleMetric):
    """Frechet distance between features of generated and real images (Heusel et al. 2017); logs "fid"."""

    def __init__(self, extractor, real_images=None, **kwargs):
        super().__init__("fid", extractor, real_images, **kwargs)


class KID(SampleMetric):
    """Kernel Inception Distance (Binkowski et al. 2018); logs "kid" and "kid_std"."""

    def __init__(self, extractor, real_images=None, **kwargs):
        super().__init__("kid", extractor, real_images, **kwargs)


class InceptionScore(SampleMetric):
    """Inception Score of generated images (Salimans et al. 2016) with the extractor's logits."""

    def __init__(self, extractor, **kwargs):
        super().__init__("inception_score", extractor, **kwargs)


class ReduceLearningRatesOnPlateau(keras.callbacks.Callback):
    """Multiplies every optimizer's learning rate by `factor` when a logged value stalls.

    `keras.callbacks.ReduceLROnPlateau` only sees `model.optimizer`; a GAN has
    one per role (`model.named_optimizers`), and this walks all of them.
    BEGAN's paper halves the learning rate when its convergence measure stops
    falling: `ReduceLearningRatesOnPlateau(monitor="convergence")`.

    Args:
        monitor: the epoch log to watch (lower is better).
        factor: multiplier applied to every learning rate, in (0, 1).
        patience: epochs without an improvement of at least `min_delta`
            before a reduction.
        min_delta: smallest decrease that counts as an improvement.
        min_learning_rate: learning rates are never reduced below this.
    """

    def __init__(self, monitor="convergence", factor=0.5, patience=2, min_delta=0.0, min_learning_rate=0.0):
        super().__init__()
        if not 0.0 < factor < 1.0:
            raise ValueError(f"factor must be in (0, 1), got {factor}.")
        self.monitor = monitor
        self.factor = float(factor)
        self.patience = int(patience)
        self.min_delta = float(min_delta)
        self.min_learning_rate = float(min_learning_rate)
        self.best = float("inf")
        self.wait = 0

    def on_epoch_end(self, epoch, logs=None):
        if logs is None or self.monitor not in logs:
            raise KeyError(f"ReduceLearningRatesOnPlateau monitors {self.monitor!r}, which the model does not log.")
        value = float(logs[self.monitor])
        if value < self.best - self.min_delta:
            self.best, self.wait = value, 0
        else:
            self.wait += 1
            if self.wait >= self.patience:
                for optimizer in self.model.named_optimizers.values():
                    reduced = max(float(optimizer.learning_rate) * self.factor, self.min_learning_rate)
                    optimizer.learning_rate.assign(reduced)
                self.wait = 0
        for role, optimizer in self.model.named_optimizers.items():
            logs[f"{role}_learning_rate"] = float(optimizer.learning_rate)


def growth_stage_and_alpha(images_seen, num_stages, fade_images, stable_images):
    """ProGAN's schedule: (stage, alpha) after `images_seen` training images.

    Stage 0 (4x4) trains `stable_images`; every later stage fades in over
    `fade_images` (alpha from 0 to 1), then trains `stable_images` at
    alpha = 1. The last stage goes on for as long as training does.
    """
    if images_seen < stable_images:
        return 0, 1.0
    period = fade_images + stable_images
    stage = 1 + (images_seen - stable_images) // period
    if stage >= num_stages:
        return num_stages - 1, 1.0
    into_stage = (images_seen - stable_images) % period
    return int(stage), min(1.0, into_stage / fade_images) if fade_images else 1.0


class ProgressiveGrowing(keras.callbacks.Callback):
    """Grows a `kerasgan.ProGAN` on schedule during one `fit`.

    Before every batch it reads the model's `images_seen`, sets alpha, and
    when the schedule enters a new stage calls `set_stage` (fresh optimizers
    and a retraced train step). Because `images_seen` is saved with the
    model, a reloaded model resumes at its stage and alpha. The paper used
    600k images per phase; scale both numbers to the data set.

    Args:
        fade_images: training images over which alpha rises from 0 to 1.
        stable_images: training images per stage at alpha = 1.
    """

    def __init__(self, fade_images, stable_images):
        super().__init__()
        if fade_images < 0 or stable_images <= 0:
            raise ValueError(
                f"Need fade_images >= 0 and stable_images > 0, got {fade_images} and {stable_images}."
            )
        self.fade_images = int(fade_images)
        self.stable_images = int(stable_images)

    def total_images(self, num_stages):
        """Images needed to reach the end of the last stage's stable phase."""
        return self.stable_images + (num_stages - 1) * (self.fade_images + self.stable_images)

    def _follow_schedule(self):
        seen = int(keras.ops.convert_to_numpy(self.model.images_seen))
        stage, alpha = growth_stage_and_alpha(seen, self.model.num_stages, self.fade_images, self.stable_images)
        if stage != self.model.stage:
            self.model.set_stage(stage)
        self.model.set_alpha(alpha)

    def on_train_begin(self, logs=None):
        self._follow_schedule()

    def on_train_batch_begin(self, batch, logs=None):
        self._follow_schedule()

    def on_epoch_end(self, epoch, logs=None):
        if logs is not None:
            logs.update(stage=self.model.stage, alpha=self.model.alpha)


def linear_decay_factor(step, total_steps, decay_start):
    """The learning-rate multiplier at `step`: 1 until `decay_start`, then linearly down to 0 at `total_steps`."""
    if step < decay_start:
        return 1.0
    return max(0.0, (total_steps - step) / (total_steps - decay_start))


class LinearDecay(keras.callbacks.Callback):
    """Every optimizer's learning rate constant, then decaying linearly to zero: CycleGAN's schedule.

    Zhu et al. 2017 (section 4) keep the rate for the first 100 epochs and
    decay it linearly to zero over the next 100: `LinearDecay(total_steps,
    decay_start=0.5)`. Steps are train steps, counted as the fewest updates
    any optimizer has made (the generator's where a critic updates n_critic
    times per step), which are saved with the model: a resumed run continues
    the schedule, and every optimizer follows the same one.

    Args:
        total_steps: the step at which the rates reach zero (all of training).
        decay_start: when the decay starts, as a fraction of `total_steps`.
        initial_learning_rate: the constant phase's rate for every
            optimizer; by default each optimizer's rate at the start of
            `fit`, undone by the schedule's factor at its step count (so a
            resumed run continues). Give it to extend a finished schedule,
            whose rates are already 0.
    """

    def __init__(self, total_steps, decay_start=0.5, initial_learning_rate=None):
        super().__init__()
        if int(total_steps) < 1 or not 0.0 <= decay_start < 1.0:
            raise ValueError(f"Need total_steps >= 1 and decay_start in [0, 1), got {total_steps}, {decay_start}.")
        self.total_steps = int(total_steps)
        self.decay_start = int(decay_start * total_steps)
        self.initial_learning_rate = initial_learning_rate
        self.base_rates = {}

    def _steps_taken(self):
        return min(int(optimizer.iterations) for optimizer in self.model.named_optimizers.values())

    def _factor(self):
        return linear_decay_factor(self._steps_taken(), self.total_steps, self.decay_start)

    def on_train_begin(self, logs=None):
        factor = self._factor()
        if factor == 0.0 and self.initial_learning_rate is None:
            raise ValueError(
                f"The model has already taken {self._steps_taken()} of {self.total_steps} steps; to train "
                "on, give a longer total_steps and initial_learning_rate."
            )
        for role, optimizer in self.model.named_optimizers.items():
            self.base_rates[role] = (float(optimizer.learning_rate) / factor if self.initial_learning_rate is None
                                     else float(self.initial_learning_rate))

    def on_train_batch_begin(self, batch, logs=None):
        factor = self._factor()
        for role, optimizer in self.model.named_optimizers.items():
            optimizer.learning_rate.assign(self.base_rates[role] * factor)

    def on_epoch_end(self, epoch, logs=None):
        if logs is not None:
            for role, optimizer in self.model.named_optimizers.items():
                logs[f"{role}_learning_rate"] = float(optimizer.learning_rate)


class NonFiniteTrainingError(RuntimeError):
    """Raised by `StopOnNonFinite` when a logged loss or a weight stops being finite."""


class StopOnNonFinite(keras.callbacks.Callback):
    """Ends `fit` at the first NaN or infinite logged value (or weight), before anything saves it.

    Keras' `TerminateOnNaN` reads `logs["loss"]`, which adversarial models
    do not log (they log d_loss, g_loss, ...), so it never fires; and a
    model stopped with `stop_training` still runs every callback's
    `on_epoch_end`, where `ModelCheckpoint` would write the diverged weights
    over the last good file. This callback instead raises
    `NonFiniteTrainingError` from `on_train_batch_end`, naming the first
    non-finite value and the step: `fit` ends there and no later epoch-end
    save happens. List it before any callback that saves every few batches.

    A run whose logged values explode but stay finite (a learning rate of
    1e6 gives losses of 1e16) is stopped the same way once a value's
    magnitude passes `max_abs_value`.

    Args:
        check_weights_every: also look at every weight each this many steps
            (0: logged values only, which is free).
        max_abs_value: the largest magnitude a logged value may reach (the
            epoch's running mean that Keras logs), or None for no bound. The
            default is far above what any model here logs while it trains.
    """

    def __init__(self, check_weights_every=0, max_abs_value=1e6):
        super().__init__()
        self.check_weights_every = int(check_weights_every)
        self.max_abs_value = None if max_abs_value is None else float(max_abs_value)
        self.step = 0
        self.epoch = 0

    def on_epoch_begin(self, epoch, logs=None):
        self.epoch = epoch

    def on_train_batch_end(self, batch, logs=None):
        self.step += 1
        where = f"at step {self.step} of this fit (epoch {self.epoch + 1}, batch {batch + 1})"
        for name, value in (logs or {}).items():
            value = float(value)
            if not np.isfinite(value):
                raise NonFiniteTrainingError(f"Training diverged: {name} = {value} {where}; stopped before saving.")
            if self.max_abs_value is not None and abs(value) > self.max_abs_value:
                raise NonFiniteTrainingError(
                    f"Training diverged: {name} = {value:.4g}, beyond max_abs_value={self.max_abs_value:g}, {where}; "
                    "stopped before saving. Lower the learning rates, or raise max_abs_value if such values are "
                    "expected."
                )
        if self.check_weights_every and self.step % self.check_weights_every == 0:
            for variable in self.model.weights:
                if not np.all(np.isfinite(keras.ops.convert_to_numpy(variable))):
                    raise NonFiniteTrainingError(f"Training diverged: weight {variable.path} is not finite {where}.")


class ResumableCheckpoint(keras.callbacks.Callback):
    """Saves the whole model atomically every `every_n_epochs` epochs, and resumes from the last save.

    A plain `model.save` or `ModelCheckpoint` killed mid-write destroys the
    file it replaces, and `BackupAndRestore`'s `save_weights` can leave an
    unreadable one. Here each save is a new file `epoch-NNNNN.keras` written
    under a temporary name and renamed when complete, after which older
    saves are removed: a kill at any moment leaves the last complete save
    readable. At `on_train_begin` it deletes temporaries a kill left behind,
    loads the newest save into the (compiled) model and makes `fit` continue
    from the epoch after it, so running the same script again resumes. What
    a save restores: every network, every optimizer's state, the noise seed
    state and the models' own state (BEGAN's k_t, ProGAN's stage and images
    seen, the moving average, CycleGAN's image pools, historical averages).
    What it does not: progress inside an epoch (an interrupted epoch is
    trained again from its start) and the input pipeline's position. A
    resumed run equals an uninterrupted one when each epoch's data order
    does not depend on how many epochs the process has already run: numpy
    arrays with `shuffle=False`, or a dataset that yields the same order
    every epoch. A `tf.data` pipeline that reshuffles every epoch starts its
    sequence of orders again after a restart.

    Under `MultiWorkerMirroredStrategy` every worker saves (reading
    replicated variables is a collective) but only the chief's save lands in
    `directory`; the others write to a temporary folder they delete. Every
    worker resumes from `directory`, which must therefore be on a file system
    all workers share. When a worker dies, restart all of them (the survivors
    wait in a collective): they continue after the last complete epoch.

    Args:
        directory: where the saves go (created if missing).
        every_n_epochs: how often to save.
    """

    PREFIX = "epoch-"

    def __init__(self, directory, every_n_epochs=1):
        super().__init__()
        if int(every_n_epochs) < 1:
            raise ValueError(f"every_n_epochs must be at least 1, got {every_n_epochs}.")
        self.directory = str(directory)
        self.every_n_epochs = int(every_n_epochs)

    def saves(self):
        """The complete saves in the directory, oldest first, as (epochs done, path)."""
        if not os.path.isdir(self.directory):
            return []
        found = []
        for name in os.listdir(self.directory):
            stem = name[len(self.PREFIX) : -len(".keras")]
            if name.startswith(self.PREFIX) and name.endswith(".keras") and stem.isdigit():
                found.append((int(stem), os.path.join(self.directory, name)))
        return sorted(found)

    @property
    def chief(self):
        return is_chief(getattr(self.model, "distribute_strategy", None))

    def on_train_begin(self, logs=None):
        os.makedirs(self.directory, exist_ok=True)
        if self.chief:
            for name in os.listdir(self.directory):
                if name.startswith(PARTIAL_PREFIX):  # a save that a kill interrupted
                    os.remove(os.path.join(self.directory, name))
        saves = self.saves()
        if saves:
            epochs_done, path = saves[-1]
            self.model.load_weights(path)
            self.model._initial_epoch = epochs_done

    def on_epoch_end(self, epoch, logs=None):
        if (epoch + 1) % self.every_n_epochs:
            return
        name = f"{self.PREFIX}{epoch + 1:05d}.keras"
        if not self.chief:
            scratch = tempfile.mkdtemp(prefix=PARTIAL_PREFIX)
            try:
                save_model_atomically(self.model, os.path.join(scratch, name))
            finally:
                shutil.rmtree(scratch, ignore_errors=True)
            return
        save_model_atomically(self.model, os.path.join(self.directory, name))
        for _, older in self.saves()[:-1]:
            os.remove(older)
