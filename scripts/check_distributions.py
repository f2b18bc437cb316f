#!/usr/bin/env python3
"""Goodness of fit of every distribution family of `venturesim sample`
against SciPy, an implementation independent of GSL.

Usage: check_distributions.py PATH/TO/venturesim [COUNT]
Continuous families: Kolmogorov-Smirnov test. Discrete: chi-square test.
Fails (exit 1) when any p-value is below 0.001; seeds are fixed, so a
result is the same every run.
"""
import math
import subprocess
import sys

import numpy as np
from scipy import stats

Z95 = 1.6448536269514722


def lognormal_p(p5, p95):
    mu = (math.log(p5) + math.log(p95)) / 2
    return stats.lognorm(s=(math.log(p95) - math.log(p5)) / (2 * Z95), scale=math.exp(mu))


def pert(a, m, b):
    return stats.beta(1 + 4 * (m - a) / (b - a), 1 + 4 * (b - m) / (b - a), loc=a, scale=b - a)


CONTINUOUS = [
    ("{dist: uniform, min: 0.8, max: 1.0}", stats.uniform(loc=0.8, scale=0.2)),
    ("{dist: normal, mean: 0.95, sd: 0.03}", stats.norm(0.95, 0.03)),
    ("{dist: lognormal, mu: 1, sigma: 0.5}", stats.lognorm(s=0.5, scale=math.exp(1))),
    ("{dist: lognormal, p5: 20000, p95: 200000}", lognormal_p(20000, 200000)),
    ("{dist: beta, alpha: 18, beta: 4}", stats.beta(18, 4)),
    ("{dist: beta, alpha: 0.5, beta: 0.5}", stats.beta(0.5, 0.5)),
    ("{dist: pert, min: 0.5, mode: 0.8, max: 0.95}", pert(0.5, 0.8, 0.95)),
    ("{dist: triangular, min: 0.1, mode: 0.2, max: 0.5}", stats.triang(c=0.25, loc=0.1, scale=0.4)),
    ("{dist: gamma, shape: 2.5, scale: 3}", stats.gamma(a=2.5, scale=3)),
    ("{dist: gamma, shape: 0.3, scale: 1}", stats.gamma(a=0.3, scale=1)),
    ("{dist: exponential, mean: 4}", stats.expon(scale=4)),
    ("{dist: normal, mean: 0, sd: 1, min: -1, max: 2}", stats.truncnorm(-1, 2)),
]

DISCRETE = [
    ("{dist: poisson, mean: 3.5}", lambda k: stats.poisson.pmf(k, 3.5)),
    ("{dist: poisson, mean: 40}", lambda k: stats.poisson.pmf(k, 40)),
    ("{dist: discrete, values: [1, 2, 10], weights: [1, 2, 1]}",
     lambda k: np.select([k == 1, k == 2, k == 10], [0.25, 0.5, 0.25], 0.0)),
]


def draw(binary, spec, count, seed):
    out = subprocess.run([binary, "sample", spec, "--count", str(count), "--seed", str(seed)],
                         check=True, capture_output=True, text=True).stdout
    return np.array([float(v) for v in out.split()])


def main():
    binary = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 20000
    failed = 0
    for i, (spec, dist) in enumerate(CONTINUOUS):
        x = draw(binary, spec, count, 1000 + i)
        p = stats.kstest(x, dist.cdf).pvalue
        ok = p >= 0.001
        failed += not ok
        print(f"{'ok  ' if ok else 'FAIL'} KS p={p:.4f} {spec}")
    for i, (spec, pmf) in enumerate(DISCRETE):
        x = draw(binary, spec, count, 2000 + i)
        values, observed = np.unique(x, return_counts=True)
        expected = pmf(values) * count
        # Pool values expected fewer than 5 times into one bin.
        small = expected < 5
        obs = np.append(observed[~small], observed[small].sum())
        exp = np.append(expected[~small], count - expected[~small].sum())
        if exp[-1] < 5:
            obs[-2] += obs[-1]
            exp[-2] += exp[-1]
            obs, exp = obs[:-1], exp[:-1]
        p = stats.chisquare(obs, exp).pvalue
        ok = p >= 0.001
        failed += not ok
        print(f"{'ok  ' if ok else 'FAIL'} chi2 p={p:.4f} {spec}")
    passed = len(CONTINUOUS) + len(DISCRETE) - failed
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
