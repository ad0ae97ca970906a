"""The stabilisers' contracts on JAX and PyTorch, by the same tests that run on TensorFlow."""

from test_stabilizers import test_feature_matching_loss_is_the_squared_distance_of_the_feature_means  # noqa: F401
from test_stabilizers import test_historical_averages_are_the_mean_of_the_parameters_so_far_and_are_saved  # noqa: F401
from test_stabilizers import test_minibatch_discrimination_is_the_papers_closeness_sum  # noqa: F401
from test_stabilizers import test_virtual_batch_normalization_makes_each_sample_independent_of_its_batch  # noqa: F401
from test_stabilizers import test_virtual_batch_normalization_uses_the_reference_statistics_with_the_example  # noqa: F401
