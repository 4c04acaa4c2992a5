"""Typical mistakes in assignment 2 (Activations)."""

from exercise_mistakes import Edit

ASSIGNMENT = "02-activations"

MISTAKES = {
    "sigmoid": [
        (
            "unstable: exp(Z) / (1 + exp(Z)) overflows for large z",
            Edit(
                "    E = np.exp(-np.abs(Z))\n    return np.where(Z >= 0, 1 / (1 + E), E / (1 + E))\n",
                "    E = np.exp(Z)\n    return E / (1 + E)\n",
            ),
        ),
        (
            "the two branches of the stable formula swapped",
            Edit(
                "    return np.where(Z >= 0, 1 / (1 + E), E / (1 + E))\n",
                "    return np.where(Z >= 0, E / (1 + E), 1 / (1 + E))\n",
            ),
        ),
        (
            "a cast to float64 turns float32 into float64",
            Edit("def sigmoid(Z):\n", "def sigmoid(Z):\n    Z = Z.astype(np.float64)\n"),
        ),
        (
            "modifies Z in place",
            Edit(
                "    E = np.exp(-np.abs(Z))\n    return np.where(Z >= 0, 1 / (1 + E), E / (1 + E))\n",
                "    positive = Z >= 0\n    np.abs(Z, out=Z)\n    E = np.exp(-Z)\n    return np.where(positive, 1 / (1 + E), E / (1 + E))\n",
            ),
        ),
    ],
    "sigmoid_backward": [
        (
            "sigmoid' computed from Z instead of sigmoid(Z)",
            Edit(
                "    s = sigmoid(Z)\n    return dA * s * (1 - s)\n", "    return dA * Z * (1 - Z)\n"
            ),
        ),
        (
            "forgot to multiply by dA",
            Edit(
                "    s = sigmoid(Z)\n    return dA * s * (1 - s)\n",
                "    E = np.exp(-np.abs(Z))\n    s = np.where(Z >= 0, 1 / (1 + E), E / (1 + E))\n    return s * (1 - s)\n",
            ),
        ),
        (
            "unstable: exp(-Z) / (1 + exp(-Z))**2 is inf / inf for very negative z",
            Edit(
                "    s = sigmoid(Z)\n    return dA * s * (1 - s)\n",
                "    E = np.exp(-Z)\n    return dA * E / (1 + E) ** 2\n",
            ),
        ),
        (
            "modifies dA in place",
            Edit(
                "    s = sigmoid(Z)\n    return dA * s * (1 - s)\n",
                "    E = np.exp(-np.abs(Z))\n    s = np.where(Z >= 0, 1 / (1 + E), E / (1 + E))\n    dA *= s * (1 - s)\n    return dA\n",
            ),
        ),
    ],
    "tanh": [
        (
            "unstable: (e^z - e^-z) / (e^z + e^-z) is inf / inf for large |z|",
            Edit(
                "    return np.tanh(Z)\n",
                "    return (np.exp(Z) - np.exp(-Z)) / (np.exp(Z) + np.exp(-Z))\n",
            ),
        ),
        (
            "2 * sigmoid(Z) - 1, which is tanh(Z / 2)",
            Edit("    return np.tanh(Z)\n", "    return 2 / (1 + np.exp(-Z)) - 1\n"),
        ),
        (
            "a conversion to float64 turns float32 into float64",
            Edit("    return np.tanh(Z)\n", "    return np.tanh(np.asarray(Z, dtype=float))\n"),
        ),
    ],
    "tanh_backward": [
        (
            "tanh' as 1 - Z**2",
            Edit("    t = tanh(Z)\n    return dA * (1 - t**2)\n", "    return dA * (1 - Z**2)\n"),
        ),
        (
            "forgot to multiply by dA",
            Edit(
                "    t = tanh(Z)\n    return dA * (1 - t**2)\n", "    return 1 - np.tanh(Z) ** 2\n"
            ),
        ),
        (
            "(1 - t)**2 instead of 1 - t**2",
            Edit(
                "    t = tanh(Z)\n    return dA * (1 - t**2)\n",
                "    return dA * (1 - np.tanh(Z)) ** 2\n",
            ),
        ),
        (
            "modifies dA in place",
            Edit(
                "    t = tanh(Z)\n    return dA * (1 - t**2)\n",
                "    dA *= 1 - np.tanh(Z) ** 2\n    return dA\n",
            ),
        ),
    ],
    "relu": [
        (
            "keeps the negative part: min instead of max",
            Edit("    return np.maximum(Z, 0)\n", "    return np.minimum(Z, 0)\n"),
        ),
        (
            "sets the negative entries of Z to zero in place",
            Edit("    return np.maximum(Z, 0)\n", "    Z[Z < 0] = 0\n    return Z\n"),
        ),
        (
            "np.zeros(Z.shape) is float64 and turns float32 into float64",
            Edit("    return np.maximum(Z, 0)\n", "    return np.maximum(Z, np.zeros(Z.shape))\n"),
        ),
    ],
    "relu_backward": [
        (
            "the derivative on the wrong side of 0",
            Edit("    return dA * (Z > 0)\n", "    return dA * (Z < 0)\n"),
        ),
        (
            "forgot to multiply by dA",
            Edit("    return dA * (Z > 0)\n", "    return (Z > 0).astype(Z.dtype)\n"),
        ),
        (
            "multiplies dA by relu(Z) instead of its slope",
            Edit("    return dA * (Z > 0)\n", "    return dA * np.maximum(Z, 0)\n"),
        ),
        (
            "zeroes dA in place",
            Edit("    return dA * (Z > 0)\n", "    dA[Z <= 0] = 0\n    return dA\n"),
        ),
    ],
    "leaky_relu": [
        (
            "min(alpha * Z, Z) instead of max",
            Edit("    return np.maximum(alpha * Z, Z)\n", "    return np.minimum(alpha * Z, Z)\n"),
        ),
        (
            "the slope 0.01 hard-coded, alpha ignored",
            Edit("    return np.maximum(alpha * Z, Z)\n", "    return np.maximum(0.01 * Z, Z)\n"),
        ),
        (
            "scales the negative entries of Z in place",
            Edit("    return np.maximum(alpha * Z, Z)\n", "    Z[Z < 0] *= alpha\n    return Z\n"),
        ),
        (
            "a float64 constant for alpha turns float32 into float64",
            Edit(
                "    return np.maximum(alpha * Z, Z)\n",
                "    return np.maximum(np.float64(alpha) * Z, Z)\n",
            ),
        ),
    ],
    "leaky_relu_backward": [
        (
            "forgot to multiply by dA",
            Edit(
                "    return np.where(Z > 0, dA, alpha * dA)\n",
                "    return np.where(Z > 0, 1.0, alpha)\n",
            ),
        ),
        (
            "ReLU's derivative: slope 0 instead of alpha for z < 0",
            Edit("    return np.where(Z > 0, dA, alpha * dA)\n", "    return dA * (Z > 0)\n"),
        ),
        (
            "the slope 0.01 hard-coded, alpha ignored",
            Edit(
                "    return np.where(Z > 0, dA, alpha * dA)\n",
                "    return np.where(Z > 0, dA, 0.01 * dA)\n",
            ),
        ),
        (
            "the two slopes swapped",
            Edit(
                "    return np.where(Z > 0, dA, alpha * dA)\n",
                "    return np.where(Z > 0, alpha * dA, dA)\n",
            ),
        ),
    ],
    "softmax": [
        (
            "unstable: no maximum subtracted before exp",
            Edit("    E = np.exp(Z - Z.max(axis=0, keepdims=True))\n", "    E = np.exp(Z)\n"),
        ),
        (
            "over the wrong axis (rows instead of columns)",
            Edit(
                "    E = np.exp(Z - Z.max(axis=0, keepdims=True))\n    return E / E.sum(axis=0, keepdims=True)\n",
                "    E = np.exp(Z - Z.max(axis=1, keepdims=True))\n    return E / E.sum(axis=1, keepdims=True)\n",
            ),
        ),
        (
            "divides by the sum of the whole array",
            Edit("    return E / E.sum(axis=0, keepdims=True)\n", "    return E / np.sum(E)\n"),
        ),
        (
            "subtracts the maximum of the whole array, not each column's",
            Edit(
                "    E = np.exp(Z - Z.max(axis=0, keepdims=True))\n",
                "    E = np.exp(Z - np.max(Z))\n",
            ),
        ),
    ],
}
