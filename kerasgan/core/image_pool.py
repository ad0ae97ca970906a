"""The history of generated images a discriminator is trained on (Shrivastava et al. 2017,
section 2.3; CycleGAN, Zhu et al. 2017, section 4)."""

import keras
from keras import ops

from kerasgan import backend


@keras.saving.register_keras_serializable(package="kerasgan")
class ImageHistoryPool(keras.layers.Layer):
    """A buffer of up to `pool_size` generated images, part of the model's saved state.

    Calling it with a batch of fakes returns the batch the discriminator
    trains on, image by image, as CycleGAN's reference code does: while the
    pool is filling, the new image is stored and returned; once full, with
    probability 1/2 a random stored image is returned and the new one takes
    its place, otherwise the new image is returned. `pool_size=0` returns
    the fakes unchanged.

    Under a `tf.distribute` strategy the pool runs on the global batch (all
    replicas' fakes in replica order, with draws from the shared seed), and
    each replica keeps its own rows: the discriminator sees what it would on
    one device, and every replica holds the same pool.
    """

    def __init__(self, pool_size=50, image_shape=None, **kwargs):
        # Stored images stay float32 under a mixed-precision policy (the pool stores, it does not compute).
        kwargs.setdefault("dtype", "float32")
        super().__init__(**kwargs)
        if int(pool_size) < 0:
            raise ValueError(f"pool_size must be non-negative, got {pool_size}.")
        self.pool_size = int(pool_size)
        self.image_shape = None if image_shape is None else tuple(image_shape)
        if self.image_shape is not None:
            self.build((None,) + self.image_shape)

    def build(self, input_shape):
        self.image_shape = tuple(input_shape[1:])
        # Every replica computes the same new pool; the first replica's value is kept.
        self.images = self.add_weight(
            shape=(self.pool_size,) + self.image_shape, initializer="zeros", trainable=False,
            aggregation="only_first_replica", name="images",
        )
        self.count = self.add_weight(
            shape=(), dtype="int32", initializer="zeros", trainable=False, aggregation="only_first_replica",
            name="count",
        )

    def call(self, fakes, seed_generator):
        """The discriminator's batch for this replica's `fakes`; `seed_generator` draws the choices."""
        if self.pool_size == 0:
            return fakes
        everyone = ops.cast(backend.all_gather(ops.stop_gradient(fakes)), "float32")
        everyone = ops.reshape(everyone, (-1,) + self.image_shape)  # all_gather can lose static dimensions
        global_batch = ops.shape(everyone)[0]
        swap_draws = keras.random.uniform((global_batch,), seed=seed_generator)
        slot_draws = keras.random.randint((global_batch,), 0, self.pool_size, seed=seed_generator)
        slots = ops.arange(self.pool_size)
        rows = ops.arange(global_batch)

        def one_image(index, state):
            pool, count, returned = state
            image = ops.take(everyone, index, axis=0)
            filling = count < self.pool_size
            swap = ops.logical_and(ops.logical_not(filling), ops.take(swap_draws, index) > 0.5)
            slot = ops.where(filling, count, ops.take(slot_draws, index))
            stored = ops.take(pool, slot, axis=0)
            chosen = ops.where(swap, stored, image)
            written = ops.where(ops.logical_or(filling, swap), image, stored)
            slot_mask = ops.reshape(ops.cast(ops.equal(slots, slot), "float32"), (-1,) + (1,) * len(self.image_shape))
            row_mask = ops.reshape(ops.cast(ops.equal(rows, index), "float32"), (-1,) + (1,) * len(self.image_shape))
            pool = pool + slot_mask * (written - pool)
            returned = returned + row_mask * chosen
            return pool, count + ops.cast(filling, "int32"), returned

        pool, count, returned = ops.fori_loop(
            0, global_batch, one_image, (ops.convert_to_tensor(self.images), ops.convert_to_tensor(self.count),
                                         ops.zeros_like(everyone)),
        )
        self.images.assign(pool)
        self.count.assign(count)
        return ops.cast(backend.replica_rows(lambda _: returned, backend.batch_size(fakes)), fakes.dtype)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {**super().get_config(), "pool_size": self.pool_size, "image_shape": self.image_shape}
