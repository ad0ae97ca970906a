"""Evaluation metrics for generative models.

Library functions work on features or logits (numpy); extractors turn
images into features; `kerasgan.callbacks` runs them during training.
"""

from kerasgan.metrics.conditional import class_agreement
from kerasgan.metrics.conditional import intra_class_fid
from kerasgan.metrics.energy import energy_distance
from kerasgan.metrics.extractors import FeatureExtractor
from kerasgan.metrics.extractors import KerasFeatureExtractor
from kerasgan.metrics.extractors import get_extractor
from kerasgan.metrics.frechet import activation_statistics
from kerasgan.metrics.frechet import fid_from_activations
from kerasgan.metrics.frechet import frechet_distance
from kerasgan.metrics.inception_score import inception_score_from_logits
from kerasgan.metrics.kid import kid_from_activations
from kerasgan.metrics.knn import density_coverage
from kerasgan.metrics.knn import precision_recall
from kerasgan.metrics.modes import mode_coverage
from kerasgan.metrics.prd import prd_curve
from kerasgan.metrics.prd import prd_f_beta
from kerasgan.metrics.reference import reference_activations
from kerasgan.metrics.registry import Metric
from kerasgan.metrics.registry import available_extractors
from kerasgan.metrics.registry import available_metrics
from kerasgan.metrics.registry import get_metric
from kerasgan.metrics.registry import register_extractor
from kerasgan.metrics.registry import register_metric
from kerasgan.metrics.standard import STANDARD_METRICS
from kerasgan.metrics.swd import sliced_wasserstein_distance
from kerasgan.metrics.translation import label_scores
from kerasgan.metrics.translation import mean_l1
from kerasgan.metrics.translation import paired_scores
from kerasgan.metrics.translation import gain_over_baseline
from kerasgan.metrics.translation import psnr
from kerasgan.metrics.translation import sharpness_ratio
from kerasgan.metrics.two_sample import classifier_two_sample_test
from kerasgan.metrics.two_sample import feature_chi2_tests
from kerasgan.metrics.two_sample import feature_ks_tests
