"""The one set of defaults that metric functions, callbacks, the CLI and the recipes use."""

# Generated samples scored by `kerasgan evaluate` and the recipes (FID is
# biased by sample count: compare figures at the same count).
NUM_SAMPLES = 5000
# Generated samples scored by a metric callback during training, and how often.
CALLBACK_NUM_SAMPLES = 1000
CALLBACK_EVERY_N_EPOCHS = 5
# Images per forward pass of a feature extractor.
EXTRACTOR_BATCH_SIZE = 200
# KID (Binkowski et al. 2018): subsets and their size (capped at the sample counts).
KID_NUM_SUBSETS = 100
KID_SUBSET_SIZE = 1000
# Inception Score (Salimans et al. 2016): splits of the samples.
INCEPTION_SCORE_SPLITS = 10
# k of the k-nearest-neighbour radii: precision/recall (Kynkaanniemi et al.
# 2019) and density/coverage (Naeem et al. 2020).
PRECISION_RECALL_K = 3
DENSITY_COVERAGE_K = 5
# PRD (Sajjadi et al. 2018): the F_beta pair reported.
PRD_BETA = 8.0
