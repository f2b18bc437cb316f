#ifndef VENTURESIM_PASSES_H
#define VENTURESIM_PASSES_H

/// One pass of the bracketed selection over a column (see BracketSelection.swift): for each value, its bucket, the
/// number of the 16 ascending `bounds` (padded with +∞) that are ≤ it; `counts[17]` gets each bucket's count, and the
/// values of odd bucket 2k + 1 (bracket k) are appended at `filled[k]`, up to `limits[k]`.
/// Returns 0, or 1 when a bracket held more than its room (the counts are then incomplete).
int vs_bracket_pass(const double *x, long n, const double *bounds, long *counts, long *filled, const long *limits, double *gathered);

#endif
