"""The library's metrics, registered under their names with the shared defaults."""

from kerasgan.metrics import defaults
from kerasgan.metrics.conditional import class_agreement
from kerasgan.metrics.conditional import intra_class_fid
from kerasgan.metrics.energy import energy_distance
from kerasgan.metrics.frechet import fid_from_activations
from kerasgan.metrics.inception_score import inception_score_from_logits
from kerasgan.metrics.kid import kid_from_activations
from kerasgan.metrics.knn import density_coverage
from kerasgan.metrics.knn import precision_recall
from kerasgan.metrics.prd import prd_curve
from kerasgan.metrics.prd import prd_f_beta
from kerasgan.metrics.registry import Metric
from kerasgan.metrics.registry import register_metric


def _fid(real, fake):
    return {"fid": fid_from_activations(real, fake)}


def _kid(real, fake, num_subsets=defaults.KID_NUM_SUBSETS, subset_size=defaults.KID_SUBSET_SIZE):
    # A small sample (a callback's) caps the subset size.
    subset_size = min(subset_size, len(real), len(fake))
    mean, std = kid_from_activations(real, fake, num_subsets=num_subsets, subset_size=subset_size)
    return {"kid": mean, "kid_std": std}


def _inception_score(_, logits, **options):
    mean, std = inception_score_from_logits(logits, **options)
    return {"inception_score": mean, "inception_score_std": std}


def _prd(real, fake, **options):
    f_beta, f_inverse = prd_f_beta(*prd_curve(real, fake), **options)
    return {"prd_f8": f_beta, "prd_f1_8": f_inverse}


def _energy_distance(real, fake):
    return {"energy_distance": energy_distance(real, fake)}


def _class_agreement(_, logits, fake_labels):
    return {"class_agreement": class_agreement(logits, fake_labels)}


def _intra_fid(real, fake, real_labels, fake_labels):
    return {"intra_fid": intra_class_fid(real, real_labels, fake, fake_labels)[0]}


# Class-conditional: scored on samples generated for known labels.
CONDITIONAL_METRICS = {
    "class_agreement": Metric(_class_agreement, uses_logits=True, needs_reference=False, uses_labels=True),
    "intra_fid": Metric(_intra_fid, uses_labels=True),
}

# In the order `kerasgan evaluate` reports them.
STANDARD_METRICS = {
    "fid": Metric(_fid),
    "kid": Metric(_kid),
    "inception_score": Metric(_inception_score, uses_logits=True, needs_reference=False),
    "precision_recall": Metric(precision_recall),
    "density_coverage": Metric(density_coverage),
    "prd": Metric(_prd),
    "energy_distance": Metric(_energy_distance),
}
for _name, _metric in {**STANDARD_METRICS, **CONDITIONAL_METRICS}.items():
    register_metric(_name, _metric)
