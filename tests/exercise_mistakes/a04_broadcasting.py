"""Typical mistakes in assignment 4 (Broadcasting).

Not a mistake, so not listed: a one_hot that loops over the examples. The assignment
asks for broadcasting, but a loop gives the right values and earns the points.
"""

from exercise_mistakes import Edit

ASSIGNMENT = "04-broadcasting"

MISTAKES = {
    "standardize": [
        (
            "statistics over the wrong axis (per example instead of per feature)",
            Edit(
                "        mean = X.mean(axis=1, keepdims=True)\n        std = X.std(axis=1, keepdims=True)\n",
                "        mean = X.mean(axis=0, keepdims=True)\n        std = X.std(axis=0, keepdims=True)\n",
            ),
        ),
        (
            "no keepdims: a rank-1 mean and std",
            Edit(
                "        mean = X.mean(axis=1, keepdims=True)\n        std = X.std(axis=1, keepdims=True)\n",
                "        mean = X.mean(axis=1)\n        std = X.std(axis=1)\n",
            ),
        ),
        (
            "recomputes the statistics on test data instead of reusing the given ones",
            Edit(
                "    if mean is None:\n        mean = X.mean(axis=1, keepdims=True)\n        std = X.std(axis=1, keepdims=True)\n        std = np.where(std > 0, std, 1)\n",
                "    mean = X.mean(axis=1, keepdims=True)\n    std = X.std(axis=1, keepdims=True)\n    std = np.where(std > 0, std, 1)\n",
            ),
        ),
        (
            "divides by zero for a constant feature",
            Edit("        std = np.where(std > 0, std, 1)\n", ""),
        ),
        (
            "a small epsilon in the division, but std 0 returned for a constant feature",
            Edit(
                "        std = np.where(std > 0, std, 1)\n    return (X - mean) / std, mean, std\n",
                "    return (X - mean) / (std + 1e-12), mean, std\n",
            ),
        ),
        (
            "modifies X in place with -= and /=",
            Edit(
                "    return (X - mean) / std, mean, std\n",
                "    X -= mean\n    X /= std\n    return X, mean, std\n",
            ),
        ),
    ],
    "one_hot": [
        (
            "transposed: shape (m, C), one example per row",
            Edit(
                "    classes = np.arange(num_classes).reshape(-1, 1)\n    return (classes == labels.reshape(1, -1)).astype(np.float64)\n",
                "    return np.eye(num_classes)[labels]\n",
            ),
        ),
        (
            "Y[labels, :] = 1 sets whole rows",
            Edit(
                "    classes = np.arange(num_classes).reshape(-1, 1)\n    return (classes == labels.reshape(1, -1)).astype(np.float64)\n",
                "    Y = np.zeros((num_classes, labels.shape[0]))\n    Y[labels, :] = 1\n    return Y\n",
            ),
        ),
        (
            "classes numbered from 1",
            Edit(
                "    classes = np.arange(num_classes).reshape(-1, 1)\n",
                "    classes = np.arange(1, num_classes + 1).reshape(-1, 1)\n",
            ),
        ),
        (
            "the number of classes taken from the labels",
            Edit(
                "    classes = np.arange(num_classes).reshape(-1, 1)\n",
                "    classes = np.arange(labels.max() + 1).reshape(-1, 1)\n",
            ),
        ),
        (
            "a boolean matrix, not float64",
            Edit(
                "    classes = np.arange(num_classes).reshape(-1, 1)\n    return (classes == labels.reshape(1, -1)).astype(np.float64)\n",
                "    return np.arange(num_classes).reshape(-1, 1) == labels.reshape(1, -1)\n",
            ),
        ),
    ],
}
