"""Weight regularisers of the GAN literature, as `keras.regularizers.Regularizer`s.

kerasgan's models add every network's regularisation losses (a layer's
`kernel_regularizer`, `add_loss`) to the loss of the optimizer that trains it.
"""

import keras
from keras import ops


@keras.saving.register_keras_serializable(package="kerasgan")
class OffDiagonalOrthogonal(keras.regularizers.Regularizer):
    """beta * ||W^T W * (1 - I)||_F^2: BigGAN's orthogonal regularisation (Brock et al. 2019, eq. 3).

    W is the kernel with one column per output unit (filter); only the
    filters' mutual inner products are penalised, not their norms, which is
    what relaxes Brock et al. 2017's ||W^T W - I||_F^2. beta = 1e-4 in BigGAN's
    generator.
    """

    def __init__(self, beta=1e-4):
        if beta < 0:
            raise ValueError(f"beta must be non-negative, got {beta}.")
        self.beta = float(beta)

    def __call__(self, weights):
        columns = ops.reshape(weights, (-1, weights.shape[-1]))
        gram = ops.matmul(ops.transpose(columns), columns)
        off_diagonal = gram * (1.0 - ops.eye(gram.shape[0], dtype=gram.dtype))
        return self.beta * ops.sum(ops.square(off_diagonal))

    def get_config(self):
        return {"beta": self.beta}
