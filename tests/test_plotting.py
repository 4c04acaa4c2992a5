import matplotlib.pyplot as plt
import numpy as np
import pytest

from nnlib.data import make_xor
from nnlib.plotting import draw_network, plot_activation, plot_costs, plot_decision_boundary


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_plot_activation_draws_the_function_and_its_derivative():
    ax = plot_activation("sigmoid")
    function, derivative = ax.get_lines()[:2]
    z = function.get_xdata()
    np.testing.assert_allclose(function.get_ydata(), 1 / (1 + np.exp(-z)))
    np.testing.assert_allclose(derivative.get_ydata().max(), 0.25, rtol=1e-4)


def test_plot_decision_boundary_shades_by_the_prediction():
    X, Y = make_xor(m=40, seed=0)
    ax = plot_decision_boundary(lambda P: (P[0:1] * P[1:2] < 0).astype(int), X, Y, title="xor")
    assert ax.get_title() == "xor"
    assert len(ax.collections) >= 2  # filled contours and the scatter of the data


def test_plot_costs_draws_one_labelled_curve_per_run():
    ax = plot_costs({"plain": [3, 2, 1], "momentum": [3, 1, 0.5]})
    assert [line.get_label() for line in ax.get_lines()] == ["plain", "momentum"]


def test_draw_network_draws_every_unit_and_every_connection():
    ax = draw_network([3, 4, 2])
    units = sum(len(c.get_offsets()) for c in ax.collections)
    assert units == 3 + 4 + 2
    assert len(ax.get_lines()) == 3 * 4 + 4 * 2
