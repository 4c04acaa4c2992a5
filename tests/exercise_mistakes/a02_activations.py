"""Typical mistakes in assignment 2 (Activations)."""

ASSIGNMENT = "02-activations"

MISTAKES = {
    "sigmoid": [
        (
            "unstable: exp(Z) / (1 + exp(Z)) overflows for large z",
            """
def sigmoid(Z):
    E = np.exp(Z)
    return E / (1 + E)
""",
        ),
        (
            "the two branches of the stable formula swapped",
            """
def sigmoid(Z):
    E = np.exp(-np.abs(Z))
    return np.where(Z >= 0, E / (1 + E), 1 / (1 + E))
""",
        ),
        (
            "a cast to float64 turns float32 into float64",
            """
def sigmoid(Z):
    Z = Z.astype(np.float64)
    E = np.exp(-np.abs(Z))
    return np.where(Z >= 0, 1 / (1 + E), E / (1 + E))
""",
        ),
        (
            "modifies Z in place",
            """
def sigmoid(Z):
    positive = Z >= 0
    np.abs(Z, out=Z)
    E = np.exp(-Z)
    return np.where(positive, 1 / (1 + E), E / (1 + E))
""",
        ),
    ],
    "sigmoid_backward": [
        (
            "sigmoid' computed from Z instead of sigmoid(Z)",
            """
def sigmoid_backward(dA, Z):
    return dA * Z * (1 - Z)
""",
        ),
        (
            "forgot to multiply by dA",
            """
def sigmoid_backward(dA, Z):
    E = np.exp(-np.abs(Z))
    s = np.where(Z >= 0, 1 / (1 + E), E / (1 + E))
    return s * (1 - s)
""",
        ),
        (
            "unstable: exp(-Z) / (1 + exp(-Z))**2 is inf / inf for very negative z",
            """
def sigmoid_backward(dA, Z):
    E = np.exp(-Z)
    return dA * E / (1 + E) ** 2
""",
        ),
        (
            "modifies dA in place",
            """
def sigmoid_backward(dA, Z):
    E = np.exp(-np.abs(Z))
    s = np.where(Z >= 0, 1 / (1 + E), E / (1 + E))
    dA *= s * (1 - s)
    return dA
""",
        ),
    ],
    "tanh": [
        (
            "unstable: (e^z - e^-z) / (e^z + e^-z) is inf / inf for large |z|",
            """
def tanh(Z):
    return (np.exp(Z) - np.exp(-Z)) / (np.exp(Z) + np.exp(-Z))
""",
        ),
        (
            "2 * sigmoid(Z) - 1, which is tanh(Z / 2)",
            """
def tanh(Z):
    return 2 / (1 + np.exp(-Z)) - 1
""",
        ),
        (
            "a conversion to float64 turns float32 into float64",
            """
def tanh(Z):
    return np.tanh(np.asarray(Z, dtype=float))
""",
        ),
    ],
    "tanh_backward": [
        (
            "tanh' as 1 - Z**2",
            """
def tanh_backward(dA, Z):
    return dA * (1 - Z**2)
""",
        ),
        (
            "forgot to multiply by dA",
            """
def tanh_backward(dA, Z):
    return 1 - np.tanh(Z) ** 2
""",
        ),
        (
            "(1 - t)**2 instead of 1 - t**2",
            """
def tanh_backward(dA, Z):
    return dA * (1 - np.tanh(Z)) ** 2
""",
        ),
        (
            "modifies dA in place",
            """
def tanh_backward(dA, Z):
    dA *= 1 - np.tanh(Z) ** 2
    return dA
""",
        ),
    ],
    "relu": [
        (
            "keeps the negative part: min instead of max",
            """
def relu(Z):
    return np.minimum(Z, 0)
""",
        ),
        (
            "sets the negative entries of Z to zero in place",
            """
def relu(Z):
    Z[Z < 0] = 0
    return Z
""",
        ),
        (
            "np.zeros(Z.shape) is float64 and turns float32 into float64",
            """
def relu(Z):
    return np.maximum(Z, np.zeros(Z.shape))
""",
        ),
    ],
    "relu_backward": [
        (
            "the derivative on the wrong side of 0",
            """
def relu_backward(dA, Z):
    return dA * (Z < 0)
""",
        ),
        (
            "forgot to multiply by dA",
            """
def relu_backward(dA, Z):
    return (Z > 0).astype(Z.dtype)
""",
        ),
        (
            "multiplies dA by relu(Z) instead of its slope",
            """
def relu_backward(dA, Z):
    return dA * np.maximum(Z, 0)
""",
        ),
        (
            "zeroes dA in place",
            """
def relu_backward(dA, Z):
    dA[Z <= 0] = 0
    return dA
""",
        ),
    ],
    "leaky_relu": [
        (
            "min(alpha * Z, Z) instead of max",
            """
def leaky_relu(Z, alpha=0.01):
    return np.minimum(alpha * Z, Z)
""",
        ),
        (
            "the slope 0.01 hard-coded, alpha ignored",
            """
def leaky_relu(Z, alpha=0.01):
    return np.maximum(0.01 * Z, Z)
""",
        ),
        (
            "scales the negative entries of Z in place",
            """
def leaky_relu(Z, alpha=0.01):
    Z[Z < 0] *= alpha
    return Z
""",
        ),
        (
            "a float64 constant for alpha turns float32 into float64",
            """
def leaky_relu(Z, alpha=0.01):
    return np.maximum(np.float64(alpha) * Z, Z)
""",
        ),
    ],
    "leaky_relu_backward": [
        (
            "forgot to multiply by dA",
            """
def leaky_relu_backward(dA, Z, alpha=0.01):
    return np.where(Z > 0, 1.0, alpha)
""",
        ),
        (
            "ReLU's derivative: slope 0 instead of alpha for z < 0",
            """
def leaky_relu_backward(dA, Z, alpha=0.01):
    return dA * (Z > 0)
""",
        ),
        (
            "the slope 0.01 hard-coded, alpha ignored",
            """
def leaky_relu_backward(dA, Z, alpha=0.01):
    return np.where(Z > 0, dA, 0.01 * dA)
""",
        ),
        (
            "the two slopes swapped",
            """
def leaky_relu_backward(dA, Z, alpha=0.01):
    return np.where(Z > 0, alpha * dA, dA)
""",
        ),
    ],
    "softmax": [
        (
            "unstable: no maximum subtracted before exp",
            """
def softmax(Z):
    E = np.exp(Z)
    return E / E.sum(axis=0, keepdims=True)
""",
        ),
        (
            "over the wrong axis (rows instead of columns)",
            """
def softmax(Z):
    E = np.exp(Z - Z.max(axis=1, keepdims=True))
    return E / E.sum(axis=1, keepdims=True)
""",
        ),
        (
            "divides by the sum of the whole array",
            """
def softmax(Z):
    E = np.exp(Z - Z.max(axis=0, keepdims=True))
    return E / np.sum(E)
""",
        ),
        (
            "subtracts the maximum of the whole array, not each column's",
            """
def softmax(Z):
    E = np.exp(Z - np.max(Z))
    return E / E.sum(axis=0, keepdims=True)
""",
        ),
    ],
}
