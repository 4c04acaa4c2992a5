"""The one finite-difference assertion the tests share."""

import numpy as np

from nnlib.backprop import numerical_gradient, relative_error

TOLERANCE = 1e-7


#: about the cube root of float64's machine epsilon: the step that balances the
#: O(eps^2) truncation error of central differences against rounding error
EPSILON = 1e-5


def assert_matches_finite_differences(analytic, f, x, epsilon=EPSILON, tolerance=TOLERANCE):
    """Assert that ``analytic`` equals the central finite differences of ``f`` at ``x``.

    Everything is float64; the error is ``||a - n|| / (||a|| + ||n||)``. When both
    gradients are essentially zero (norms below 1e-7, where the finite differences
    are pure rounding noise) their largest absolute difference is checked instead.
    """
    analytic = np.asarray(analytic, dtype=np.float64)
    numeric = numerical_gradient(f, np.asarray(x, dtype=np.float64), epsilon)
    assert analytic.shape == numeric.shape, f"gradient shape {analytic.shape} != {numeric.shape}"
    if np.linalg.norm(analytic) + np.linalg.norm(numeric) < 1e-7:
        assert np.max(np.abs(analytic - numeric), initial=0.0) < 1e-7
        return
    error = relative_error(analytic, numeric)
    assert error < tolerance, f"relative error {error:.2e} against finite differences"
