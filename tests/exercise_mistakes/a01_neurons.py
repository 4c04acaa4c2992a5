"""Typical mistakes in assignment 1 (Neurons)."""

from exercise_mistakes import Edit

ASSIGNMENT = "01-neurons"

MISTAKES = {
    "binary_cross_entropy": [
        (
            "no clipping: log(0) at a saturated prediction",
            Edit("    eps = np.finfo(A.dtype).eps\n    A = np.clip(A, eps, 1 - eps)\n", ""),
        ),
        (
            "the sum, not the mean",
            Edit(
                "    m = A.shape[1]\n    return -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m\n",
                "    return -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A))\n",
            ),
        ),
        (
            "the sign flipped",
            Edit(
                "    m = A.shape[1]\n    return -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m\n",
                "    return np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A))\n",
            ),
        ),
    ],
    "neuron_forward": [
        (
            "forgot the bias",
            Edit(
                "    Z = w.T @ X + b\n    E = np.exp(-np.abs(Z))\n    A = np.where(Z >= 0, 1 / (1 + E), E / (1 + E))\n",
                "    A = 1 / (1 + np.exp(-(w.T @ X)))\n",
            ),
        ),
        (
            "the weighted sum without the sigmoid",
            Edit(
                "    Z = w.T @ X + b\n    E = np.exp(-np.abs(Z))\n    A = np.where(Z >= 0, 1 / (1 + E), E / (1 + E))\n",
                "    A = w.T @ X + b\n",
            ),
        ),
        (
            "float64 constants turn float32 into float64",
            Edit(
                "    Z = w.T @ X + b\n    E = np.exp(-np.abs(Z))\n    A = np.where(Z >= 0, 1 / (1 + E), E / (1 + E))\n",
                "    A = np.float64(1) / (1 + np.exp(-(w.T @ X + b)))\n",
            ),
        ),
    ],
    "neuron_backward": [
        (
            "forgot 1/m",
            Edit("    dZ = (A - Y) / X.shape[1]\n", "    dZ = A - Y\n"),
        ),
        (
            "a missing transpose",
            Edit("    return X @ dZ.T, np.sum(dZ)\n", "    return dZ @ X.T, np.sum(dZ)\n"),
        ),
        (
            "Y - A instead of A - Y",
            Edit("    dZ = (A - Y) / X.shape[1]\n", "    dZ = (Y - A) / X.shape[1]\n"),
        ),
    ],
}
