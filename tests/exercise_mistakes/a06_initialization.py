"""Typical mistakes in assignment 6 (Initialization).

``initialize_parameters`` is graded once per method, in the hidden cells that call
``grade("initialize_parameters:<method>", ...)``. Each key below names one of them;
its wrong functions replace the solution cell ``initialize_parameters`` (the part
of the key before the colon) and are right for every other method, so each costs
only that method's points.
"""

from exercise_mistakes import Edit, wrong_function

# A plain, correct version written the way many students do; each mistake below
# is one edit of it.
BASE = """
def initialize_parameters(layer_dims, method="he", seed=None):
    rng = np.random.default_rng(seed)
    parameters = {}
    for l in range(1, len(layer_dims)):
        n_prev, n = layer_dims[l - 1], layer_dims[l]
        if method == "zeros":
            W = np.zeros((n, n_prev))
        elif method == "random":
            W = rng.standard_normal((n, n_prev)) * 0.01
        elif method == "xavier":
            W = rng.standard_normal((n, n_prev)) * np.sqrt(1 / n_prev)
        else:
            W = rng.standard_normal((n, n_prev)) * np.sqrt(2 / n_prev)
        parameters[f"W{l}"] = W
        parameters[f"b{l}"] = np.zeros((n, 1))
    return parameters
"""

ASSIGNMENT = "06-initialization"

MISTAKES = {
    "initialize_parameters:zeros": [
        (
            "zeros: W of shape (n[l-1], n[l]), transposed",
            wrong_function(
                BASE,
                Edit(
                    "            W = np.zeros((n, n_prev))\n",
                    "            W = np.zeros((n_prev, n))\n",
                ),
            ),
        ),
        (
            "zeros: integer zeros",
            wrong_function(
                BASE,
                Edit(
                    "            W = np.zeros((n, n_prev))\n",
                    "            W = np.zeros((n, n_prev), dtype=int)\n",
                ),
            ),
        ),
        (
            "zeros: the biases are forgotten",
            wrong_function(
                BASE,
                Edit(
                    '            W = np.zeros((n, n_prev))\n        elif method == "random":\n',
                    '            parameters[f"W{l}"] = np.zeros((n, n_prev))\n            continue\n        if method == "random":\n',
                ),
            ),
        ),
    ],
    "initialize_parameters:random": [
        (
            "random: forgot the factor 0.01",
            wrong_function(
                BASE,
                Edit(
                    "            W = rng.standard_normal((n, n_prev)) * 0.01\n",
                    "            W = rng.standard_normal((n, n_prev))\n",
                ),
            ),
        ),
        (
            "random: 0.01 taken as the variance (times sqrt(0.01))",
            wrong_function(
                BASE,
                Edit(
                    "            W = rng.standard_normal((n, n_prev)) * 0.01\n",
                    "            W = rng.standard_normal((n, n_prev)) * np.sqrt(0.01)\n",
                ),
            ),
        ),
        (
            "random: uniform numbers on [0, 1) instead of normal ones",
            wrong_function(
                BASE,
                Edit(
                    "            W = rng.standard_normal((n, n_prev)) * 0.01\n",
                    "            W = rng.random((n, n_prev)) * 0.01\n",
                ),
            ),
        ),
        (
            "random: the biases are random too",
            """
def initialize_parameters(layer_dims, method="he", seed=None):
    rng = np.random.default_rng(seed)
    parameters = {}
    for l in range(1, len(layer_dims)):
        n_prev, n = layer_dims[l - 1], layer_dims[l]
        b = np.zeros((n, 1))
        if method == "zeros":
            W = np.zeros((n, n_prev))
        elif method == "random":
            W = rng.standard_normal((n, n_prev)) * 0.01
            b = rng.standard_normal((n, 1)) * 0.01
        elif method == "xavier":
            W = rng.standard_normal((n, n_prev)) * np.sqrt(1 / n_prev)
        else:
            W = rng.standard_normal((n, n_prev)) * np.sqrt(2 / n_prev)
        parameters[f"W{l}"] = W
        parameters[f"b{l}"] = b
    return parameters
""",
        ),
    ],
    "initialize_parameters:xavier": [
        (
            "Xavier with 2/n[l-1] (He's variance)",
            wrong_function(
                BASE,
                Edit(
                    "            W = rng.standard_normal((n, n_prev)) * np.sqrt(1 / n_prev)\n",
                    "            W = rng.standard_normal((n, n_prev)) * np.sqrt(2 / n_prev)\n",
                ),
            ),
        ),
        (
            "Xavier with n[l] instead of n[l-1]",
            wrong_function(
                BASE,
                Edit(
                    "            W = rng.standard_normal((n, n_prev)) * np.sqrt(1 / n_prev)\n",
                    "            W = rng.standard_normal((n, n_prev)) * np.sqrt(1 / n)\n",
                ),
            ),
        ),
        (
            "Xavier: the variance used as the standard deviation (sqrt missing)",
            wrong_function(
                BASE,
                Edit(
                    "            W = rng.standard_normal((n, n_prev)) * np.sqrt(1 / n_prev)\n",
                    "            W = rng.standard_normal((n, n_prev)) * (1 / n_prev)\n",
                ),
            ),
        ),
        (
            "Xavier as Glorot's 2/(n[l-1] + n[l])",
            wrong_function(
                BASE,
                Edit(
                    "            W = rng.standard_normal((n, n_prev)) * np.sqrt(1 / n_prev)\n",
                    "            W = rng.standard_normal((n, n_prev)) * np.sqrt(2 / (n_prev + n))\n",
                ),
            ),
        ),
    ],
    "initialize_parameters:he": [
        (
            "He with 1/n[l-1]",
            wrong_function(
                BASE,
                Edit(
                    "            W = rng.standard_normal((n, n_prev)) * np.sqrt(2 / n_prev)\n",
                    "            W = rng.standard_normal((n, n_prev)) * np.sqrt(1 / n_prev)\n",
                ),
            ),
        ),
        (
            "He: the variance used as the standard deviation (sqrt missing)",
            wrong_function(
                BASE,
                Edit(
                    "            W = rng.standard_normal((n, n_prev)) * np.sqrt(2 / n_prev)\n",
                    "            W = rng.standard_normal((n, n_prev)) * 2 / n_prev\n",
                ),
            ),
        ),
        (
            "He with n[l] instead of n[l-1]",
            wrong_function(
                BASE,
                Edit(
                    "            W = rng.standard_normal((n, n_prev)) * np.sqrt(2 / n_prev)\n",
                    "            W = rng.standard_normal((n, n_prev)) * np.sqrt(2 / n)\n",
                ),
            ),
        ),
        (
            "He drawn from the global np.random: the seed is ignored",
            wrong_function(
                BASE,
                Edit(
                    "            W = rng.standard_normal((n, n_prev)) * np.sqrt(2 / n_prev)\n",
                    "            W = np.random.randn(n, n_prev) * np.sqrt(2 / n_prev)\n",
                ),
            ),
        ),
    ],
}
