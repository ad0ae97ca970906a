"""Named networks, each role's optimizer, logged values, the noise state and saving."""

import keras

from kerasgan import backend
from kerasgan.core.historical_average import HistoricalAverages
from kerasgan.data.validation import every_batch_finite_or_raise

NOISE_STATE_KEY = "noise_seed_state"


class AdversarialModel(keras.Model):
    """A `keras.Model` whose networks are trained by their own optimizers.

    What every adversarial model holds besides its algorithm:
    - `optimizer_roles`, a class attribute: {optimizer name: names of the
      network attributes it trains}, e.g. a GAN's {"d_optimizer":
      ("discriminator",), "g_optimizer": ("generator",)}. `compile` takes the
      optimizers by these names (or positionally, in this order), builds
      each on its networks' variables, and saving restores every one of them.
    - Mean trackers of logged per-example values (true global-batch means
      under a distribution strategy).
    - A `keras.random.SeedGenerator` (`seed`) whose state is saved with the
      model, so that training resumes with the noise it would have drawn.
    - `historical_averaging=weight` adds to each role's cost the squared
      distance of its parameters from their running average (Salimans et
      al. 2016, section 3.3; `kerasgan.core.historical_average`), for the
      variables the optimizers are built on at `compile`.

    Subclasses define `train_step` and `default_optimizers()`, and update
    networks with `minimize` or `minimize_together`.
    """

    optimizer_roles = {}
    # Whether `compile` turns XLA on by default on TensorFlow (one replica): where it measured faster.
    xla_on_tensorflow = False
    # Constructor arguments that hold Keras objects (deserialised by from_config).
    serialized_arguments = ()

    def __init__(self, seed=None, historical_averaging=None, **kwargs):
        super().__init__(**kwargs)
        self.seed = seed
        self.historical_averaging = historical_averaging
        self.historical_averages = None if historical_averaging is None else HistoricalAverages(historical_averaging)
        self.seed_generator = keras.random.SeedGenerator(seed)
        self.trackers = {}
        self.built = True

    @classmethod
    def from_preset(cls, name):
        """The model of zoo entry `name` that ships its whole GAN (keras-hub's preset convention):
        every network and the noise state, ready to `generate`, or to `compile` and `fit` further.
        `kerasgan.zoo.list()` names the entries; one of another class is refused."""
        from kerasgan import zoo

        return zoo.load_preset(name, cls)

    # ------------------------------------------------------------------
    # Optimizers by role.
    def default_optimizers(self):
        """The paper's optimizers, one per role, in the order of `optimizer_roles`."""
        raise NotImplementedError

    @property
    def named_optimizers(self):
        """{role: optimizer} once compiled (every learning-rate callback walks these)."""
        return {role: getattr(self, role) for role in self.optimizer_roles}

    def trained_variables(self, role):
        """The trainable variables of the networks that `role`'s optimizer updates."""
        return [
            variable
            for name in self.optimizer_roles[role]
            for variable in getattr(self, name).trainable_variables
        ]

    def compile(self, *optimizers, jit_compile=None, **kwargs):
        """Sets one optimizer per role (by name or position); omitted ones get the paper's defaults.

        `jit_compile` defaults to each model's measured choice rather than
        Keras' "auto": on TensorFlow, XLA for the models it makes faster on
        one replica (`xla_on_tensorflow`; tools/benchmark.py) and never under
        a multi-replica strategy, where XLA on CPU cannot reach variables on
        the other devices; always on JAX; never on PyTorch. Seeded runs are
        repeatable either way (Keras draws with stateless random ops), but a
        run with XLA does not reproduce one without bit for bit.
        """
        roles = tuple(self.optimizer_roles)
        losses = sorted(key for key in kwargs if "loss" in key)
        if losses:
            raise TypeError(
                f"{type(self).__name__}.compile takes optimizers, not losses ({', '.join(losses)}): a kerasgan "
                "model's loss is its paper's. Choose a variant in the constructor (DCGAN(generator_loss=...), "
                "ConditionalGAN(loss='hinge'), ...), or subclass kerasgan.core.AlternatingGAN and define "
                "discriminator_loss and generator_loss. compile takes "
                f"{', '.join(roles)}, jit_compile, run_eagerly and steps_per_execution."
            )
        if "optimizer" in kwargs:
            raise ValueError(f"{type(self).__name__} takes one optimizer per role: {', '.join(roles)}.")
        if len(optimizers) > len(roles):
            raise TypeError(f"{type(self).__name__}.compile takes at most {len(roles)} optimizers: {roles}.")
        chosen = dict(zip(roles, optimizers))
        for role in roles:
            if role in kwargs:
                if role in chosen:
                    raise TypeError(f"{role} given both by position and by name.")
                chosen[role] = kwargs.pop(role)
        defaults = dict(zip(roles, self.default_optimizers()))
        for role in roles:
            optimizer = keras.optimizers.get(chosen.get(role) or defaults[role])
            setattr(self, role, _loss_scaled_under_float16(optimizer))
        if jit_compile is None:
            jit_compile = backend.default_jit_compile(self)
        super().compile(optimizer=None, jit_compile=jit_compile, **kwargs)
        self.build_optimizers()
        backend.adapt_train_step(self)

    def fit(self, x=None, *args, **kwargs):
        """`keras.Model.fit`. A jitted step cannot raise (XLA drops the check), so the batches of
        a `tf.data.Dataset` are then checked for NaN and infinities in its input pipeline."""
        if self.compiled and self.jit_compile:
            x = every_batch_finite_or_raise(x)
        return super().fit(x, *args, **kwargs)

    def build_optimizers(self):
        """Builds each optimizer on the variables it updates."""
        for role, optimizer in self.named_optimizers.items():
            if not optimizer.built:
                optimizer.build(self.trained_variables(role))
        if self.historical_averages is not None:
            self.historical_averages.build(self)

    def renew_optimizers(self):
        """Replaces every optimizer by an unbuilt one with the same settings and no state.

        For models whose trained variables change (progressive growing): a
        Keras 3 optimizer is built on its first variable list.
        """
        for role, optimizer in self.named_optimizers.items():
            setattr(self, role, optimizer.__class__.from_config(optimizer.get_config()))
        with backend.variable_creation_scope(self):
            self.build_optimizers()

    def get_compile_config(self):
        if not self.compiled:
            return None
        config = {role: keras.optimizers.serialize(optimizer) for role, optimizer in self.named_optimizers.items()}
        config["jit_compile"] = bool(self.jit_compile)
        return config

    def compile_from_config(self, config):
        self.compile(
            jit_compile=config.get("jit_compile"),
            **{role: keras.optimizers.deserialize(config[role]) for role in self.optimizer_roles},
        )

    # ------------------------------------------------------------------
    # Updates.
    def minimize_together(self, loss_fn, roles, variable_lists=None):
        """Updates the networks of every role in `roles` from one forward pass.

        `loss_fn()` returns `(losses, aux)`, one scalar loss (a global-batch
        mean) per role; each role's networks' regularisers are added to it.
        All gradients are taken before any update, and losses are scaled
        under mixed precision. `variable_lists` (one list per role, each a
        subset of what the role's optimizer trains) limits the update to
        those variables. Returns `aux`.
        """
        optimizers = [self.named_optimizers[role] for role in roles]

        def scaled_losses():
            losses, aux = loss_fn()
            losses = [loss + self.regularization_loss(role) for loss, role in zip(losses, roles)]
            return [optimizer.scale_loss(loss) for optimizer, loss in zip(optimizers, losses)], aux

        if variable_lists is None:
            variable_lists = [self.trained_variables(role) for role in roles]
        _, aux, gradients = backend.losses_and_gradients(scaled_losses, variable_lists)
        for optimizer, role_gradients, variables in zip(optimizers, gradients, variable_lists):
            optimizer.apply(role_gradients, variables)
        if self.historical_averages is not None:
            for role in roles:
                self.historical_averages.update(self, role)
        return aux

    def regularization_loss(self, role):
        """The regularisers of `role`'s networks (kernel_regularizer, add_loss) and the historical
        averaging penalty, counted once per global step.

        Each replica's loss is its share of a global-batch mean and Keras
        sums the replicas' gradients, so each replica adds 1/num_replicas of it.
        """
        terms = [term for name in self.optimizer_roles[role] for term in getattr(self, name).losses]
        if self.historical_averages is not None:
            terms.append(self.historical_averages.penalty(self, role))
        if not terms:
            return 0.0
        _, num_replicas = backend.replica_id_and_count()
        return keras.ops.sum(keras.ops.stack([keras.ops.cast(term, "float32") for term in terms])) / num_replicas

    def minimize(self, role, loss_fn):
        """One update of `role`'s networks; `loss_fn()` returns `(loss, aux)`. Returns `aux`."""

        def single():
            loss, aux = loss_fn()
            return (loss,), aux

        return self.minimize_together(single, (role,))

    # ------------------------------------------------------------------
    # Logged values.
    def track(self, names):
        """Adds a Mean tracker for each of `names` (in order)."""
        for name in names:
            if name not in self.trackers:
                self.trackers[name] = keras.metrics.Mean(name=name)

    @property
    def metrics(self):
        return list(self.trackers.values())

    def update_trackers(self, per_example_values):
        """Adds this replica's mean of each value to its Mean tracker."""
        for name, values in per_example_values.items():
            self.trackers[name].update_state(backend.local_mean(values))

    def logs(self):
        return {name: tracker.result() for name, tracker in self.trackers.items()}

    # ------------------------------------------------------------------
    # Saving.
    def save_own_variables(self, store):
        """Saves the model's own weights plus the noise state, so training resumes exactly."""
        super().save_own_variables(store)
        store[NOISE_STATE_KEY] = self.seed_generator.state

    def load_own_variables(self, store):
        own = {key: store[key] for key in store.keys() if key != NOISE_STATE_KEY}
        if self.historical_averages is not None and len(own) > len(self.weights_of_own()):
            self.historical_averages.build(self)  # saved after compile, loaded without it
        super().load_own_variables(own)
        if NOISE_STATE_KEY in store.keys():
            self.seed_generator.state.assign(store[NOISE_STATE_KEY])

    def weights_of_own(self):
        """The variables the model itself holds (not its networks'): what `save_own_variables` writes."""
        return self._trainable_variables + self._non_trainable_variables

    def get_config(self):
        config = super().get_config()
        config["seed"] = self.seed
        if self.historical_averaging is not None:
            config["historical_averaging"] = self.historical_averaging
        return config

    @classmethod
    def from_config(cls, config):
        config = dict(config)
        for name in cls.serialized_arguments:
            if name in config:
                config[name] = keras.saving.deserialize_keras_object(config[name])
        return cls(**config)


def _loss_scaled_under_float16(optimizer):
    """Wraps `optimizer` for loss scaling under the mixed_float16 policy."""
    if keras.config.dtype_policy().name == "mixed_float16" and not isinstance(
        optimizer, keras.optimizers.LossScaleOptimizer
    ):
        return keras.optimizers.LossScaleOptimizer(optimizer)
    return optimizer
