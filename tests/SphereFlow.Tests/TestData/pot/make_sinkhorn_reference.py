#!/usr/bin/env python3
"""Reference values of entropic OT and the Sinkhorn divergence with geodesic cost on S^d, computed with POT.

Writes sinkhorn_reference.json (next to this script) for tests/SphereFlow.Tests/Core/SinkhornDivergenceTests.cs. Run it
through make_sinkhorn_reference.sh, which installs Debian's python3-pot first. For each case: the points and (unnormalised)
masses of two measures, eps, p; POT's log-domain Sinkhorn plans P for (mu, nu), (mu, mu), (nu, nu) with the cost
C_ij = d(x_i, y_j)^p, d = 2 atan2(|x - y|, |x + y|) the geodesic distance (the formula of SphereFlow's Sphere.Distance), and

    ot     = <P, C> + eps KL(P | a x b)        (entropic cost, the convention of Feydy et al. 2019)
    linear = <P, C>                           (what ot.sinkhorn2 returns)
    divergence = ot(mu, nu) - (ot(mu, mu) + ot(nu, nu)) / 2

with a, b the normalised masses. The plans' marginal errors are recorded too.
"""
import json
import os
import sys

import numpy as np
import ot


def sphere_points(rng, n, dim):
    x = rng.standard_normal((n, dim))
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def geodesic(x, y):
    diff = np.linalg.norm(x[:, None, :] - y[None, :, :], axis=2)
    summ = np.linalg.norm(x[:, None, :] + y[None, :, :], axis=2)
    return 2.0 * np.arctan2(diff, summ)


def entropic(a, b, c, eps):
    if eps >= 0.01:
        plan = ot.sinkhorn(a, b, c, eps, method="sinkhorn_log", numItermax=200_000, stopThr=1e-13)
    else:
        # Small eps: POT's epsilon scaling (log-stabilised) reaches the tolerance in far fewer iterations.
        plan = ot.bregman.sinkhorn_epsilon_scaling(a, b, c, eps, numItermax=200_000, epsilon0=1.0, numInnerItermax=200, stopThr=1e-13)
    marginal = float(np.abs(plan.sum(axis=1) - a).sum() + np.abs(plan.sum(axis=0) - b).sum())
    pos = plan > 0
    kl = float(np.sum(plan[pos] * np.log(plan[pos] / np.outer(a, b)[pos])))
    linear = float(np.sum(plan * c))
    return linear + eps * kl, linear, marginal


def main():
    rng = np.random.default_rng(20240611)
    cases = []
    for dim, n, m, eps, p in [(2, 30, 40, 0.5, 1), (2, 30, 40, 0.05, 1), (2, 50, 50, 0.005, 1), (3, 40, 60, 0.1, 1),
                              (3, 40, 60, 0.01, 1), (3, 40, 60, 0.1, 2), (3, 60, 60, 0.003, 1), (4, 30, 30, 0.05, 1)]:
        x, y = sphere_points(rng, n, dim), sphere_points(rng, m, dim)
        mx, my = rng.uniform(0.2, 1.0, n), rng.uniform(0.2, 1.0, m) * 3.0
        a, b = mx / mx.sum(), my / my.sum()
        out = {"dim": dim, "eps": eps, "p": p, "x": x.ravel().tolist(), "mass_x": mx.tolist(), "y": y.ravel().tolist(), "mass_y": my.tolist()}
        for key, (u, v, wu, wv) in {"xy": (x, y, a, b), "xx": (x, x, a, a), "yy": (y, y, b, b)}.items():
            ot_value, linear, marginal = entropic(wu, wv, geodesic(u, v) ** p, eps)
            out["ot_" + key], out["linear_" + key], out["marginal_error_" + key] = ot_value, linear, marginal
        out["divergence"] = out["ot_xy"] - 0.5 * (out["ot_xx"] + out["ot_yy"])
        cases.append(out)
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sinkhorn_reference.json")
    with open(path, "w") as fh:
        json.dump({"generator": "make_sinkhorn_reference.py", "pot_version": ot.__version__, "cases": cases}, fh, indent=1)
    for c in cases:
        print(f"S^{c['dim'] - 1} eps={c['eps']} p={c['p']}: divergence {c['divergence']:.12g}, "
              f"marginal errors {c['marginal_error_xy']:.1e} {c['marginal_error_xx']:.1e} {c['marginal_error_yy']:.1e}", file=sys.stderr)


if __name__ == "__main__":
    main()
