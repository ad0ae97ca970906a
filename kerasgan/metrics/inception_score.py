"""Inception Score (Salimans et al. 2016, "Improved techniques for training GANs").

IS = exp(E_x KL(p(y|x) || p(y))), computed on each of `splits` equal parts
of the samples; the mean and standard deviation over parts are reported
(the standard protocol: 50,000 samples in 10 splits).
"""

import numpy as np
from kerasgan.metrics import defaults


def _log_softmax(logits):
    shifted = logits - logits.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def inception_score_from_logits(logits, splits=defaults.INCEPTION_SCORE_SPLITS):
    """Returns (mean, std) of the Inception Score over `splits` parts of [n, classes] logits."""
    logits = np.asarray(logits, dtype=np.float64)
    if logits.ndim != 2:
        raise ValueError(f"Logits must be [n, classes], got shape {logits.shape}.")
    if not np.all(np.isfinite(logits)):
        raise ValueError("Logits contain NaN or infinite values.")
    if splits < 1 or len(logits) < splits:
        raise ValueError(f"Cannot split {len(logits)} samples into {splits} parts.")
    scores = []
    for part in np.array_split(logits, splits):
        log_conditional = _log_softmax(part)
        conditional = np.exp(log_conditional)
        log_marginal = np.log(conditional.mean(axis=0))
        kl = np.sum(conditional * (log_conditional - log_marginal), axis=1)
        scores.append(np.exp(kl.mean()))
    return float(np.mean(scores)), float(np.std(scores))
