"""Two-sample tests between real and generated samples.

- `classifier_two_sample_test` (Lopez-Paz & Oquab 2017): a classifier trained
  to tell real from fake on one half of the data; its ROC AUC on the other
  half is 0.5 when the sets are indistinguishable and 1 when fully separable.
- Per-feature Kolmogorov-Smirnov and chi-squared homogeneity tests, the
  physics-style comparison of marginal distributions for tabular data.
"""

import numpy as np

from kerasgan.metrics.features import feature_pair


def _pair(real, fake):
    real, fake = np.asarray(real, np.float64), np.asarray(fake, np.float64)
    if real.ndim == 1:
        real, fake = real[:, None], fake[:, None]
    return feature_pair(real, fake)


def classifier_two_sample_test(real, fake, classifier=None, test_fraction=0.5, seed=0):
    """ROC AUC and accuracy of a held-out real-vs-fake classifier.

    Args:
        classifier: any scikit-learn classifier with `predict_proba`; default
            a histogram gradient-boosting classifier.
    Returns:
        {"auc", "accuracy", "num_test"}.
    """
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import train_test_split

    real, fake = _pair(real, fake)
    if min(len(real), len(fake)) < 10:
        raise ValueError("The classifier two-sample test needs at least 10 samples per set.")
    features = np.concatenate([real, fake])
    labels = np.concatenate([np.ones(len(real)), np.zeros(len(fake))])
    x_train, x_test, y_train, y_test = train_test_split(
        features, labels, test_size=test_fraction, stratify=labels, random_state=seed
    )
    classifier = classifier or HistGradientBoostingClassifier(random_state=seed)
    classifier.fit(x_train, y_train)
    scores = classifier.predict_proba(x_test)[:, 1]
    return {
        "auc": float(roc_auc_score(y_test, scores)),
        "accuracy": float(((scores > 0.5) == y_test).mean()),
        "num_test": len(y_test),
    }


def feature_ks_tests(real, fake):
    """Per-feature two-sample Kolmogorov-Smirnov statistics and p-values."""
    from scipy import stats

    real, fake = _pair(real, fake)
    results = [stats.ks_2samp(real[:, j], fake[:, j]) for j in range(real.shape[1])]
    return {
        "statistic": np.array([r.statistic for r in results]),
        "pvalue": np.array([r.pvalue for r in results]),
    }


def feature_chi2_tests(real, fake, bins=20):
    """Per-feature chi-squared homogeneity tests on histograms with shared bins.

    Bin edges are quantiles of the pooled sample, so each bin holds data;
    bins empty in both sets are dropped.
    """
    from scipy import stats

    real, fake = _pair(real, fake)
    statistics, pvalues = [], []
    for j in range(real.shape[1]):
        pooled = np.concatenate([real[:, j], fake[:, j]])
        edges = np.unique(np.quantile(pooled, np.linspace(0, 1, bins + 1)))
        if len(edges) < 3:  # a (near-)constant feature: nothing to compare
            statistics.append(0.0)
            pvalues.append(1.0)
            continue
        table = np.stack([np.histogram(real[:, j], edges)[0], np.histogram(fake[:, j], edges)[0]])
        table = table[:, table.sum(axis=0) > 0]
        result = stats.chi2_contingency(table, correction=False)
        statistics.append(float(result.statistic))
        pvalues.append(float(result.pvalue))
    return {"statistic": np.array(statistics), "pvalue": np.array(pvalues)}
