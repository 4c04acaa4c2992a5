"""Typical mistakes in assignment 6 (Initialization).

``initialize_parameters`` is graded once per method, in the hidden cells that call
``grade("initialize_parameters:<method>", ...)``. Each key below names one of them;
its wrong functions replace the solution cell ``initialize_parameters`` (the part
of the key before the colon) and are right for every other method, so each costs
only that method's points.
"""

ASSIGNMENT = "06-initialization"

MISTAKES = {
    "initialize_parameters:zeros": [
        (
            "zeros: W of shape (n[l-1], n[l]), transposed",
            """
def initialize_parameters(layer_dims, method="he", seed=None):
    rng = np.random.default_rng(seed)
    parameters = {}
    for l in range(1, len(layer_dims)):
        n_prev, n = layer_dims[l - 1], layer_dims[l]
        if method == "zeros":
            W = np.zeros((n_prev, n))
        elif method == "random":
            W = rng.standard_normal((n, n_prev)) * 0.01
        elif method == "xavier":
            W = rng.standard_normal((n, n_prev)) * np.sqrt(1 / n_prev)
        else:
            W = rng.standard_normal((n, n_prev)) * np.sqrt(2 / n_prev)
        parameters[f"W{l}"] = W
        parameters[f"b{l}"] = np.zeros((n, 1))
    return parameters
""",
        ),
        (
            "zeros: integer zeros",
            """
def initialize_parameters(layer_dims, method="he", seed=None):
    rng = np.random.default_rng(seed)
    parameters = {}
    for l in range(1, len(layer_dims)):
        n_prev, n = layer_dims[l - 1], layer_dims[l]
        if method == "zeros":
            W = np.zeros((n, n_prev), dtype=int)
        elif method == "random":
            W = rng.standard_normal((n, n_prev)) * 0.01
        elif method == "xavier":
            W = rng.standard_normal((n, n_prev)) * np.sqrt(1 / n_prev)
        else:
            W = rng.standard_normal((n, n_prev)) * np.sqrt(2 / n_prev)
        parameters[f"W{l}"] = W
        parameters[f"b{l}"] = np.zeros((n, 1))
    return parameters
""",
        ),
        (
            "zeros: the biases are forgotten",
            """
def initialize_parameters(layer_dims, method="he", seed=None):
    rng = np.random.default_rng(seed)
    parameters = {}
    for l in range(1, len(layer_dims)):
        n_prev, n = layer_dims[l - 1], layer_dims[l]
        if method == "zeros":
            parameters[f"W{l}"] = np.zeros((n, n_prev))
            continue
        if method == "random":
            W = rng.standard_normal((n, n_prev)) * 0.01
        elif method == "xavier":
            W = rng.standard_normal((n, n_prev)) * np.sqrt(1 / n_prev)
        else:
            W = rng.standard_normal((n, n_prev)) * np.sqrt(2 / n_prev)
        parameters[f"W{l}"] = W
        parameters[f"b{l}"] = np.zeros((n, 1))
    return parameters
""",
        ),
    ],
    "initialize_parameters:random": [
        (
            "random: forgot the factor 0.01",
            """
def initialize_parameters(layer_dims, method="he", seed=None):
    rng = np.random.default_rng(seed)
    parameters = {}
    for l in range(1, len(layer_dims)):
        n_prev, n = layer_dims[l - 1], layer_dims[l]
        if method == "zeros":
            W = np.zeros((n, n_prev))
        elif method == "random":
            W = rng.standard_normal((n, n_prev))
        elif method == "xavier":
            W = rng.standard_normal((n, n_prev)) * np.sqrt(1 / n_prev)
        else:
            W = rng.standard_normal((n, n_prev)) * np.sqrt(2 / n_prev)
        parameters[f"W{l}"] = W
        parameters[f"b{l}"] = np.zeros((n, 1))
    return parameters
""",
        ),
        (
            "random: 0.01 taken as the variance (times sqrt(0.01))",
            """
def initialize_parameters(layer_dims, method="he", seed=None):
    rng = np.random.default_rng(seed)
    parameters = {}
    for l in range(1, len(layer_dims)):
        n_prev, n = layer_dims[l - 1], layer_dims[l]
        if method == "zeros":
            W = np.zeros((n, n_prev))
        elif method == "random":
            W = rng.standard_normal((n, n_prev)) * np.sqrt(0.01)
        elif method == "xavier":
            W = rng.standard_normal((n, n_prev)) * np.sqrt(1 / n_prev)
        else:
            W = rng.standard_normal((n, n_prev)) * np.sqrt(2 / n_prev)
        parameters[f"W{l}"] = W
        parameters[f"b{l}"] = np.zeros((n, 1))
    return parameters
""",
        ),
        (
            "random: uniform numbers on [0, 1) instead of normal ones",
            """
def initialize_parameters(layer_dims, method="he", seed=None):
    rng = np.random.default_rng(seed)
    parameters = {}
    for l in range(1, len(layer_dims)):
        n_prev, n = layer_dims[l - 1], layer_dims[l]
        if method == "zeros":
            W = np.zeros((n, n_prev))
        elif method == "random":
            W = rng.random((n, n_prev)) * 0.01
        elif method == "xavier":
            W = rng.standard_normal((n, n_prev)) * np.sqrt(1 / n_prev)
        else:
            W = rng.standard_normal((n, n_prev)) * np.sqrt(2 / n_prev)
        parameters[f"W{l}"] = W
        parameters[f"b{l}"] = np.zeros((n, 1))
    return parameters
""",
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
            """
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
            W = rng.standard_normal((n, n_prev)) * np.sqrt(2 / n_prev)
        else:
            W = rng.standard_normal((n, n_prev)) * np.sqrt(2 / n_prev)
        parameters[f"W{l}"] = W
        parameters[f"b{l}"] = np.zeros((n, 1))
    return parameters
""",
        ),
        (
            "Xavier with n[l] instead of n[l-1]",
            """
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
            W = rng.standard_normal((n, n_prev)) * np.sqrt(1 / n)
        else:
            W = rng.standard_normal((n, n_prev)) * np.sqrt(2 / n_prev)
        parameters[f"W{l}"] = W
        parameters[f"b{l}"] = np.zeros((n, 1))
    return parameters
""",
        ),
        (
            "Xavier: the variance used as the standard deviation (sqrt missing)",
            """
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
            W = rng.standard_normal((n, n_prev)) * (1 / n_prev)
        else:
            W = rng.standard_normal((n, n_prev)) * np.sqrt(2 / n_prev)
        parameters[f"W{l}"] = W
        parameters[f"b{l}"] = np.zeros((n, 1))
    return parameters
""",
        ),
        (
            "Xavier as Glorot's 2/(n[l-1] + n[l])",
            """
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
            W = rng.standard_normal((n, n_prev)) * np.sqrt(2 / (n_prev + n))
        else:
            W = rng.standard_normal((n, n_prev)) * np.sqrt(2 / n_prev)
        parameters[f"W{l}"] = W
        parameters[f"b{l}"] = np.zeros((n, 1))
    return parameters
""",
        ),
    ],
    "initialize_parameters:he": [
        (
            "He with 1/n[l-1]",
            """
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
            W = rng.standard_normal((n, n_prev)) * np.sqrt(1 / n_prev)
        parameters[f"W{l}"] = W
        parameters[f"b{l}"] = np.zeros((n, 1))
    return parameters
""",
        ),
        (
            "He: the variance used as the standard deviation (sqrt missing)",
            """
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
            W = rng.standard_normal((n, n_prev)) * 2 / n_prev
        parameters[f"W{l}"] = W
        parameters[f"b{l}"] = np.zeros((n, 1))
    return parameters
""",
        ),
        (
            "He with n[l] instead of n[l-1]",
            """
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
            W = rng.standard_normal((n, n_prev)) * np.sqrt(2 / n)
        parameters[f"W{l}"] = W
        parameters[f"b{l}"] = np.zeros((n, 1))
    return parameters
""",
        ),
        (
            "He drawn from the global np.random: the seed is ignored",
            """
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
            W = np.random.randn(n, n_prev) * np.sqrt(2 / n_prev)
        parameters[f"W{l}"] = W
        parameters[f"b{l}"] = np.zeros((n, 1))
    return parameters
""",
        ),
    ],
}
