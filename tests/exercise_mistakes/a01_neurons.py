"""Typical mistakes in assignment 1 (Neurons)."""

ASSIGNMENT = "01-neurons"

MISTAKES = {
    "binary_cross_entropy": [
        (
            "no clipping: log(0) at a saturated prediction",
            """
def binary_cross_entropy(A, Y):
    m = A.shape[1]
    return -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m
""",
        ),
        (
            "the sum, not the mean",
            """
def binary_cross_entropy(A, Y):
    eps = np.finfo(A.dtype).eps
    A = np.clip(A, eps, 1 - eps)
    return -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A))
""",
        ),
        (
            "the sign flipped",
            """
def binary_cross_entropy(A, Y):
    eps = np.finfo(A.dtype).eps
    A = np.clip(A, eps, 1 - eps)
    return np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A))
""",
        ),
    ],
    "neuron_forward": [
        (
            "forgot the bias",
            """
def neuron_forward(w, b, X):
    A = 1 / (1 + np.exp(-(w.T @ X)))
    return A, (X, A)
""",
        ),
        (
            "the weighted sum without the sigmoid",
            """
def neuron_forward(w, b, X):
    A = w.T @ X + b
    return A, (X, A)
""",
        ),
        (
            "float64 constants turn float32 into float64",
            """
def neuron_forward(w, b, X):
    A = np.float64(1) / (1 + np.exp(-(w.T @ X + b)))
    return A, (X, A)
""",
        ),
    ],
    "neuron_backward": [
        (
            "forgot 1/m",
            """
def neuron_backward(Y, cache):
    X, A = cache
    dZ = A - Y
    return X @ dZ.T, np.sum(dZ)
""",
        ),
        (
            "a missing transpose",
            """
def neuron_backward(Y, cache):
    X, A = cache
    dZ = (A - Y) / X.shape[1]
    return dZ @ X.T, np.sum(dZ)
""",
        ),
        (
            "Y - A instead of A - Y",
            """
def neuron_backward(Y, cache):
    X, A = cache
    dZ = (Y - A) / X.shape[1]
    return X @ dZ.T, np.sum(dZ)
""",
        ),
    ],
}
