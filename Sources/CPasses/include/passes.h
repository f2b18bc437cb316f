#ifndef VENTURESIM_PASSES_H
#define VENTURESIM_PASSES_H

/// One pass of the bracketed selection over a column (see BracketSelection.swift): for each value, its bucket, the
/// number of the 16 ascending `bounds` (padded with +∞) that are ≤ it; `counts[17]` gets each bucket's count, and the
/// values of odd bucket 2k + 1 (bracket k) are appended at `filled[k]`, up to `limits[k]`.
/// With `squares` (or NULL), also the sum of (x − mean)², added in column order (the compensated mean is a pass of its
/// own: its chain of additions leaves room for the counting work in this one).
/// Returns 0, or 1 when a bracket held more than its room (the counts and the sum are then incomplete).
int vs_bracket_pass(const double *x, long n, const double *bounds, long *counts, long *filled, const long *limits, double *gathered,
                    double mean, double *squares);

#endif
