"""Metrics against straightforward numpy/scipy implementations."""


import numpy as np
import pytest
from scipy import special, stats

from kerasgan import metrics
from kerasgan.metrics import prd

RNG = np.random.default_rng(0)


def naive_inception_score(logits, splits):
    scores = []
    for part in np.array_split(logits, splits):
        p_yx = special.softmax(part, axis=1)
        p_y = p_yx.mean(axis=0)
        scores.append(np.exp(np.mean([stats.entropy(row, p_y) for row in p_yx])))
    return np.mean(scores), np.std(scores)


def test_inception_score_matches_naive_and_bounds():
    logits = RNG.normal(size=(500, 10)) * 3
    np.testing.assert_allclose(metrics.inception_score_from_logits(logits, splits=5), naive_inception_score(logits, 5), rtol=1e-10)
    # Confident, evenly spread predictions reach the number of classes; uniform ones give 1.
    confident = np.eye(10)[np.arange(1000) % 10] * 50
    assert metrics.inception_score_from_logits(confident)[0] == pytest.approx(10.0, rel=1e-6)
    assert metrics.inception_score_from_logits(np.zeros((100, 10)))[0] == pytest.approx(1.0)
    with pytest.raises(ValueError, match="split"):
        metrics.inception_score_from_logits(logits[:5], splits=10)


def naive_unbiased_mmd2(x, y):
    d = x.shape[1]
    k = lambda a, b: (a @ b / d + 1) ** 3  # noqa: E731
    m, n = len(x), len(y)
    xx = sum(k(x[i], x[j]) for i in range(m) for j in range(m) if i != j) / (m * (m - 1))
    yy = sum(k(y[i], y[j]) for i in range(n) for j in range(n) if i != j) / (n * (n - 1))
    xy = sum(k(x[i], y[j]) for i in range(m) for j in range(n)) / (m * n)
    return xx + yy - 2 * xy


def test_kid_one_subset_of_everything_is_the_full_unbiased_estimator():
    x, y = RNG.normal(size=(40, 5)), RNG.normal(size=(40, 5)) + 0.3
    mean, std = metrics.kid_from_activations(x, y, num_subsets=1, subset_size=40)
    assert mean == pytest.approx(naive_unbiased_mmd2(x, y), rel=1e-10) and std == 0.0


def test_kid_same_distribution_is_near_zero_and_can_be_negative():
    x, y = RNG.normal(size=(300, 8)), RNG.normal(size=(300, 8))
    same, _ = metrics.kid_from_activations(x, y, num_subsets=20, subset_size=100)
    shifted, _ = metrics.kid_from_activations(x, y + 1.0, num_subsets=20, subset_size=100)
    assert abs(same) < 0.05 * shifted
    values = [metrics.kid_from_activations(x, y, 1, 100, seed=s)[0] for s in range(20)]
    assert min(values) < 0  # unbiased: negative estimates are reported as they are
    with pytest.raises(ValueError, match="fewer than subset_size"):
        metrics.kid_from_activations(x[:50], y, subset_size=100)


def brute_force_precision_recall(real, fake, k):
    def radii(points):
        return [sorted(np.linalg.norm(points - p, axis=1))[k] for p in points]

    def inside(points, centers, r):
        return np.mean([any(np.linalg.norm(p - c) <= rc for c, rc in zip(centers, r)) for p in points])

    return inside(fake, real, radii(real)), inside(real, fake, radii(fake))


def brute_force_density_coverage(real, fake, k):
    radii = [sorted(np.linalg.norm(real - p, axis=1))[k] for p in real]
    density = sum(np.linalg.norm(y - x) <= r for y in fake for x, r in zip(real, radii)) / (k * len(fake))
    coverage = np.mean([min(np.linalg.norm(fake - x, axis=1)) <= r for x, r in zip(real, radii)])
    return density, coverage


def test_knn_metrics_match_brute_force():
    real, fake = RNG.normal(size=(60, 3)), RNG.normal(size=(50, 3)) * 1.5 + 0.5
    result = metrics.precision_recall(real, fake, k=3)
    assert (result["precision"], result["recall"]) == pytest.approx(brute_force_precision_recall(real, fake, 3))
    result = metrics.density_coverage(real, fake, k=5)
    assert (result["density"], result["coverage"]) == pytest.approx(brute_force_density_coverage(real, fake, 5))


def test_knn_metrics_on_identical_and_disjoint_sets():
    real = RNG.normal(size=(200, 4))
    assert metrics.precision_recall(real, real) == {"precision": 1.0, "recall": 1.0}
    assert metrics.density_coverage(real, real)["coverage"] == 1.0
    far = metrics.precision_recall(real, real + 100.0)
    assert far == {"precision": 0.0, "recall": 0.0}
    # Mode dropping lowers recall and coverage, not precision.
    half = real[real[:, 0] > 0]
    dropped = metrics.precision_recall(real, half)
    assert dropped["precision"] == 1.0 and dropped["recall"] < 0.8
    with pytest.raises(ValueError, match="Feature sizes differ"):
        metrics.precision_recall(real, real[:, :3])


def test_prd_from_histograms_matches_its_definition():
    p, q = np.array([0.5, 0.5, 0.0]), np.array([0.25, 0.25, 0.5])
    precision, recall = prd.prd_from_histograms(p, q, num_angles=7)
    slopes = np.tan(np.linspace(prd.ANGLE_EPSILON, np.pi / 2 - prd.ANGLE_EPSILON, 7))
    for i, lam in enumerate(slopes):
        alpha = sum(min(lam * pi, qi) for pi, qi in zip(p, q))
        assert precision[i] == pytest.approx(min(alpha, 1.0))
        assert recall[i] == pytest.approx(min(alpha / lam, 1.0))
    # Q puts half its mass where P has none: precision never exceeds 0.5.
    assert precision.max() == pytest.approx(0.5) and recall.max() == pytest.approx(1.0)


def test_prd_curve_separates_good_and_mode_dropping_sets():
    real = np.concatenate([RNG.normal(size=(200, 2)) * 0.1 + c for c in [(0, 0), (3, 0), (0, 3), (3, 3)]])
    good = np.concatenate([RNG.normal(size=(200, 2)) * 0.1 + c for c in [(0, 0), (3, 0), (0, 3), (3, 3)]])
    dropping = np.concatenate([RNG.normal(size=(400, 2)) * 0.1 + c for c in [(0, 0), (3, 0)]])
    f8_good, f18_good = metrics.prd_f_beta(*metrics.prd_curve(real, good, num_clusters=8, num_runs=3))
    f8_drop, f18_drop = metrics.prd_f_beta(*metrics.prd_curve(real, dropping, num_clusters=8, num_runs=3))
    assert f8_good > 0.9 and f18_good > 0.9
    assert f8_drop < 0.6 and f18_drop > 0.9  # recall suffers, precision does not


def test_classifier_two_sample_test():
    real = RNG.normal(size=(600, 3))
    same = metrics.classifier_two_sample_test(real, RNG.normal(size=(600, 3)))
    shifted = metrics.classifier_two_sample_test(real, RNG.normal(size=(600, 3)) + [0, 0, 1.5])
    assert abs(same["auc"] - 0.5) < 0.08 and shifted["auc"] > 0.8
    with pytest.raises(ValueError, match="at least 10"):
        metrics.classifier_two_sample_test(real[:5], real[:5])


def test_feature_ks_and_chi2_tests_find_the_changed_feature():
    real = RNG.normal(size=(2000, 3))
    fake = RNG.normal(size=(2000, 3))
    fake[:, 1] = fake[:, 1] * 1.5
    ks = metrics.feature_ks_tests(real, fake)
    expected = max(
        abs(np.mean(real[:, 1] <= t) - np.mean(fake[:, 1] <= t)) for t in np.concatenate([real[:, 1], fake[:, 1]])
    )
    assert ks["statistic"][1] == pytest.approx(expected)
    assert ks["pvalue"][1] < 1e-6 and ks["pvalue"][0] > 1e-3 and ks["pvalue"][2] > 1e-3
    chi2 = metrics.feature_chi2_tests(real, fake)
    assert chi2["pvalue"][1] < 1e-6 and chi2["pvalue"][0] > 1e-3 and chi2["pvalue"][2] > 1e-3


def test_nan_features_are_named():
    bad = np.full((20, 3), np.nan)
    for call in (
        lambda: metrics.precision_recall(bad, bad),
        lambda: metrics.kid_from_activations(bad, bad, subset_size=10),
        lambda: metrics.feature_ks_tests(bad, bad),
        lambda: metrics.inception_score_from_logits(bad, splits=2),
    ):
        with pytest.raises(ValueError, match="NaN"):
            call()


def test_class_agreement_counts_the_samples_classified_as_requested():
    logits = np.eye(4)[[0, 1, 2, 3, 3, 1]] * 5.0
    assert metrics.class_agreement(logits, [0, 1, 2, 3, 0, 0]) == pytest.approx(4 / 6)


def test_intra_class_fid_sees_swapped_classes_that_the_overall_fid_misses():
    rng = np.random.default_rng(0)
    labels = np.repeat([0, 1], 400)
    features = rng.normal(size=(800, 3)) + 6.0 * labels[:, None]  # two well separated classes
    swapped = 1 - labels  # every sample shown with the other class's label
    assert metrics.fid_from_activations(features, features) < 1e-6
    assert metrics.intra_class_fid(features, labels, features, labels)[0] < 1e-6
    mean, per_class = metrics.intra_class_fid(features, labels, features, swapped)
    assert mean > 100 and set(per_class) == {0, 1}
    scores = evaluate_samples_from_features(features, labels, features, swapped)
    assert scores["intra_fid"] == pytest.approx(mean)


def evaluate_samples_from_features(real, real_labels, fake, fake_labels):
    from kerasgan.evaluation import score_features

    with pytest.raises(ValueError, match="class-conditional: pass fake_labels and real_labels"):
        score_features(("intra_fid",), real, fake, fake_labels=fake_labels)
    return score_features(("intra_fid",), real, fake, real_labels=real_labels, fake_labels=fake_labels)


def test_energy_distance_is_the_unbiased_brute_force_formula_and_separates_distributions():
    from kerasgan.metrics import energy_distance
    from kerasgan.metrics import energy

    rng = np.random.default_rng(0)
    x, y = rng.normal(size=(40, 3)), rng.normal(0.5, 1.0, size=(30, 3))

    def brute_force(a, b):
        def mean_distance(p, q, skip_self):
            values = [np.linalg.norm(p[i] - q[j]) for i in range(len(p)) for j in range(len(q)) if not (skip_self and i == j)]
            return np.mean(values)

        return 2 * mean_distance(a, b, False) - mean_distance(a, a, True) - mean_distance(b, b, True)

    np.testing.assert_allclose(energy_distance(x, y), brute_force(x, y), rtol=1e-10)
    original = energy.BLOCK_ROWS
    energy.BLOCK_ROWS = 7  # blocks that do not divide the sample
    try:
        np.testing.assert_allclose(energy_distance(x, y), brute_force(x, y), rtol=1e-10)
    finally:
        energy.BLOCK_ROWS = original
    same = [energy_distance(rng.normal(size=(200, 2)), rng.normal(size=(200, 2))) for _ in range(20)]
    assert abs(np.mean(same)) < 0.01  # unbiased: centred on 0 for one distribution
    assert energy_distance(rng.normal(size=(200, 2)), rng.normal(1.0, 1.0, size=(200, 2))) > 0.3
    with pytest.raises(ValueError, match="at least 2 rows"):
        energy_distance(x[:1], y)
