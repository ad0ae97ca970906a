"""Historical averaging (Salimans et al. 2016, "Improved techniques for training GANs", section 3.3).

Each player's cost gains weight * ||theta - (1/t) sum_{i=1..t} theta[i]||^2,
where theta[i] are its parameters after its i-th update (theta[1]: the
start). The running averages and the count t are the model's own
non-trainable weights, so they are saved with it and training resumes with
them. Under a distribution strategy the averages move once per update, from
the replicated parameters, as on one device.
"""

import keras

from kerasgan import backend


class HistoricalAverages:
    """The running averages of every role's trained variables, and their penalty."""

    def __init__(self, weight):
        if weight <= 0:
            raise ValueError(f"historical_averaging must be a positive weight, got {weight}.")
        self.weight = float(weight)
        self.averages = None
        self.counts = None

    def build(self, model):
        """Creates the averages (starting at the current parameters) once."""
        if self.averages is not None:
            return
        self.averages, self.counts = {}, {}
        for role in model.optimizer_roles:
            averages = []
            for index, variable in enumerate(model.trained_variables(role)):
                average = model.add_weight(
                    shape=variable.shape, initializer="zeros", trainable=False,
                    name=f"historical_average_{role}_{index}",
                )
                # A copy of the value: on JAX, two variables sharing one buffer cannot both be donated.
                average.assign(keras.ops.convert_to_numpy(variable))
                averages.append(average)
            self.averages[role] = averages
            self.counts[role] = model.add_weight(
                shape=(), initializer="ones", trainable=False, name=f"historical_average_{role}_count"
            )

    def penalty(self, model, role):
        """weight * the squared distance of `role`'s parameters from their average (a scalar)."""
        distances = [
            keras.ops.sum(keras.ops.square(keras.ops.cast(variable, "float32") - average))
            for variable, average in zip(model.trained_variables(role), self.averages[role])
        ]
        return self.weight * keras.ops.sum(keras.ops.stack(distances))

    def update(self, model, role):
        """Adds `role`'s current parameters to the average (once per update across replicas)."""

        def move():
            count = self.counts[role] + 1.0
            for variable, average in zip(model.trained_variables(role), self.averages[role]):
                average.assign(average + (keras.ops.cast(variable, average.dtype) - average) / count)
            self.counts[role].assign(count)

        backend.run_once_across_replicas(move)
