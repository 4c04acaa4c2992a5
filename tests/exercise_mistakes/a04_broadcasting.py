"""Typical mistakes in assignment 4 (Broadcasting).

Not a mistake, so not listed: a one_hot that loops over the examples. The assignment
asks for broadcasting, but a loop gives the right values and earns the points.
"""

ASSIGNMENT = "04-broadcasting"

MISTAKES = {
    "standardize": [
        (
            "statistics over the wrong axis (per example instead of per feature)",
            """
def standardize(X, mean=None, std=None):
    if mean is None:
        mean = X.mean(axis=0, keepdims=True)
        std = X.std(axis=0, keepdims=True)
        std = np.where(std > 0, std, 1)
    return (X - mean) / std, mean, std
""",
        ),
        (
            "no keepdims: a rank-1 mean and std",
            """
def standardize(X, mean=None, std=None):
    if mean is None:
        mean = X.mean(axis=1)
        std = X.std(axis=1)
        std = np.where(std > 0, std, 1)
    return (X - mean) / std, mean, std
""",
        ),
        (
            "recomputes the statistics on test data instead of reusing the given ones",
            """
def standardize(X, mean=None, std=None):
    mean = X.mean(axis=1, keepdims=True)
    std = X.std(axis=1, keepdims=True)
    std = np.where(std > 0, std, 1)
    return (X - mean) / std, mean, std
""",
        ),
        (
            "divides by zero for a constant feature",
            """
def standardize(X, mean=None, std=None):
    if mean is None:
        mean = X.mean(axis=1, keepdims=True)
        std = X.std(axis=1, keepdims=True)
    return (X - mean) / std, mean, std
""",
        ),
        (
            "a small epsilon in the division, but std 0 returned for a constant feature",
            """
def standardize(X, mean=None, std=None):
    if mean is None:
        mean = X.mean(axis=1, keepdims=True)
        std = X.std(axis=1, keepdims=True)
    return (X - mean) / (std + 1e-12), mean, std
""",
        ),
        (
            "modifies X in place with -= and /=",
            """
def standardize(X, mean=None, std=None):
    if mean is None:
        mean = X.mean(axis=1, keepdims=True)
        std = X.std(axis=1, keepdims=True)
        std = np.where(std > 0, std, 1)
    X -= mean
    X /= std
    return X, mean, std
""",
        ),
    ],
    "one_hot": [
        (
            "transposed: shape (m, C), one example per row",
            """
def one_hot(labels, num_classes):
    return np.eye(num_classes)[labels]
""",
        ),
        (
            "Y[labels, :] = 1 sets whole rows",
            """
def one_hot(labels, num_classes):
    Y = np.zeros((num_classes, labels.shape[0]))
    Y[labels, :] = 1
    return Y
""",
        ),
        (
            "classes numbered from 1",
            """
def one_hot(labels, num_classes):
    classes = np.arange(1, num_classes + 1).reshape(-1, 1)
    return (classes == labels.reshape(1, -1)).astype(np.float64)
""",
        ),
        (
            "the number of classes taken from the labels",
            """
def one_hot(labels, num_classes):
    classes = np.arange(labels.max() + 1).reshape(-1, 1)
    return (classes == labels.reshape(1, -1)).astype(np.float64)
""",
        ),
        (
            "a boolean matrix, not float64",
            """
def one_hot(labels, num_classes):
    return np.arange(num_classes).reshape(-1, 1) == labels.reshape(1, -1)
""",
        ),
    ],
}
