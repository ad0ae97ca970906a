"""Every model on 2 logical CPU devices under MirroredStrategy trains exactly as on one device."""

import pytest

from distribution_cases import CASES, IDS
from helpers import assert_mirrored_training_matches


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_two_replicas_match_one_device(two_cpu_strategy, case):
    single, mirrored = assert_mirrored_training_matches(
        two_cpu_strategy, case.model_class, case.make_data(), case.global_batch, make_networks=case.make_networks,
        learning_rate=case.learning_rate, **case.kwargs,
    )
    if case.check is not None:
        case.check(single, mirrored)
