"""The checks made before training, on JAX and PyTorch, by the tests that run on TensorFlow."""

from test_network_checks import test_a_sigmoid_discriminator_is_refused_where_the_loss_takes_logits  # noqa: F401
from test_network_checks import test_arrays_that_do_not_split_into_n_critic_minibatches_are_refused_before_training  # noqa: F401
from test_network_checks import test_generate_needs_a_positive_whole_number  # noqa: F401
from test_network_checks import test_swapped_networks_are_named_as_swapped  # noqa: F401
