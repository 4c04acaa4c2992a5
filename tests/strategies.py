"""Hypothesis strategies shared by the nnlib tests: sizes, dtypes and arrays."""

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

FLOAT_DTYPES = (np.float32, np.float64)

#: number of examples in a batch, m = 1 included
batch_sizes = st.integers(min_value=1, max_value=9)
#: units in one layer
layer_widths = st.integers(min_value=1, max_value=7)
#: [n0, n1, ..., nL] with 1 to 3 layers
layer_dims = st.lists(layer_widths, min_size=2, max_size=4)
#: a seed for numpy.random.default_rng
seeds = st.integers(min_value=0, max_value=2**32 - 1)


def arrays(shape, low=-5.0, high=5.0, dtype=np.float64):
    """Finite float arrays of the given shape with values in [low, high]."""
    return hnp.arrays(
        dtype,
        shape,
        elements=st.floats(low, high, allow_nan=False, width=64 if dtype == np.float64 else 32),
    )


def away_from_zero(shape, gap=1e-2, high=3.0):
    """float64 arrays with gap <= |z| <= high: finite differences of ReLU and leaky
    ReLU stay on one side of the kink, and sigmoid and tanh are not so saturated
    that float64 rounding swamps their tiny derivatives."""
    magnitudes = hnp.arrays(np.float64, shape, elements=st.floats(gap, high))
    signs = hnp.arrays(np.float64, shape, elements=st.sampled_from([-1.0, 1.0]))
    return st.tuples(magnitudes, signs).map(lambda pair: pair[0] * pair[1])
