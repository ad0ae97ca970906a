"""The one place that knows how the Keras backend trains: gradients, replicas, assertions.

Every model, loss and penalty computes with `keras.ops`; what has no
`keras.ops` equivalent (taking gradients, the replica context of a
distribution strategy, running a state update once across replicas, in-graph
assertions) is a function of this module, implemented once per Keras backend.
Only the TensorFlow implementation exists (`kerasgan.backend.tensorflow`);
another backend is one new module with the same functions.
"""

import keras

BACKEND = keras.backend.backend()

if BACKEND == "tensorflow":
    from kerasgan.backend.tensorflow import *  # noqa: F401,F403
    from kerasgan.backend.tensorflow import __all__  # noqa: F401
elif BACKEND == "jax":
    from kerasgan.backend.jax import *  # noqa: F401,F403
    from kerasgan.backend.jax import __all__  # noqa: F401
else:
    raise ImportError(
        f"kerasgan trains on Keras' TensorFlow backend; KERAS_BACKEND={BACKEND!r} is not "
        "supported yet. Set KERAS_BACKEND=tensorflow."
    )
