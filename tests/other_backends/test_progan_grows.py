"""ProGAN on JAX: the growth schedule, fade-in, fresh optimizers per stage, the images-seen
counter, EMA sampling and resuming mid-fade, by the same tests that run on TensorFlow."""

from test_progan import test_fit_follows_the_schedule_and_grows_with_fresh_optimizers  # noqa: F401
from test_progan import test_grown_networks_at_alpha_zero_compute_the_previous_stage  # noqa: F401
from test_progan import test_real_images_fade_with_alpha  # noqa: F401
from test_progan import test_saved_mid_fade_resumes_at_its_stage_and_alpha  # noqa: F401
from test_progan import test_sampling_uses_the_moving_average_of_the_generator  # noqa: F401
