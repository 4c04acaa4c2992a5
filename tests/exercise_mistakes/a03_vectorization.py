"""Typical mistakes in assignment 3 (Vectorization)."""

from exercise_mistakes import Edit

ASSIGNMENT = "03-vectorization"

MISTAKES = {
    "linear_forward": [
        (
            "forgot the bias",
            Edit(
                "    Z = W @ A_prev + b\n    cache = (A_prev, W, b)\n    return Z, cache\n",
                "    Z = W @ A_prev\n    return Z, (A_prev, W, b)\n",
            ),
        ),
        (
            "W transposed: W.T @ A_prev",
            Edit(
                "    Z = W @ A_prev + b\n    cache = (A_prev, W, b)\n    return Z, cache\n",
                "    Z = W.T @ A_prev + b\n    return Z, (A_prev, W, b)\n",
            ),
        ),
        (
            "the product in the wrong order: A_prev @ W",
            Edit(
                "    Z = W @ A_prev + b\n    cache = (A_prev, W, b)\n    return Z, cache\n",
                "    Z = A_prev @ W + b\n    return Z, (A_prev, W, b)\n",
            ),
        ),
        (
            "b broadcast along the rows: b.T",
            Edit(
                "    Z = W @ A_prev + b\n    cache = (A_prev, W, b)\n    return Z, cache\n",
                "    Z = W @ A_prev + b.T\n    return Z, (A_prev, W, b)\n",
            ),
        ),
        (
            "b flattened to a rank-1 array",
            Edit(
                "    Z = W @ A_prev + b\n    cache = (A_prev, W, b)\n    return Z, cache\n",
                "    Z = np.dot(W, A_prev) + b.ravel()\n    return Z, (A_prev, W, b)\n",
            ),
        ),
        (
            "the element-wise product W * A_prev",
            Edit(
                "    Z = W @ A_prev + b\n    cache = (A_prev, W, b)\n    return Z, cache\n",
                "    Z = W * A_prev + b\n    return Z, (A_prev, W, b)\n",
            ),
        ),
        (
            "Z preallocated with np.zeros, float64 for float32 inputs",
            Edit(
                "    Z = W @ A_prev + b\n    cache = (A_prev, W, b)\n    return Z, cache\n",
                "    Z = np.zeros((W.shape[0], A_prev.shape[1]))\n    Z[:] = W @ A_prev + b\n    return Z, (A_prev, W, b)\n",
            ),
        ),
        (
            "hands the work to the given loop version",
            Edit(
                "    Z = W @ A_prev + b\n    cache = (A_prev, W, b)\n    return Z, cache\n",
                "    return linear_forward_loop(A_prev, W, b)\n",
            ),
        ),
    ],
    "linear_activation_forward": [
        (
            "the activation ignored: A = Z",
            """
def linear_activation_forward(A_prev, W, b, activation):
    Z, linear_cache = linear_forward(A_prev, W, b)
    return Z, (linear_cache, Z, activation)
""",
        ),
        (
            "ReLU for leaky ReLU: the test `'relu' in activation` matches both",
            """
def linear_activation_forward(A_prev, W, b, activation):
    Z, linear_cache = linear_forward(A_prev, W, b)
    if activation == "sigmoid":
        A = sigmoid(Z)
    elif activation == "tanh":
        A = tanh(Z)
    elif "relu" in activation:
        A = relu(Z)
    else:
        A = softmax(Z)
    return A, (linear_cache, Z, activation)
""",
        ),
        (
            "a copy-pasted branch: sigmoid applied for tanh",
            """
def linear_activation_forward(A_prev, W, b, activation):
    Z, linear_cache = linear_forward(A_prev, W, b)
    if activation == "sigmoid":
        A = sigmoid(Z)
    elif activation == "tanh":
        A = sigmoid(Z)
    elif activation == "relu":
        A = relu(Z)
    elif activation == "leaky_relu":
        A = leaky_relu(Z)
    else:
        A = softmax(Z)
    return A, (linear_cache, Z, activation)
""",
        ),
        (
            "Z recomputed without b instead of calling linear_forward",
            """
def linear_activation_forward(A_prev, W, b, activation):
    Z = W @ A_prev
    g = {"sigmoid": sigmoid, "tanh": tanh, "relu": relu, "leaky_relu": leaky_relu,
         "softmax": softmax}[activation]
    return g(Z), ((A_prev, W, b), Z, activation)
""",
        ),
        (
            "no softmax branch: Z passes through unchanged",
            """
def linear_activation_forward(A_prev, W, b, activation):
    Z, linear_cache = linear_forward(A_prev, W, b)
    A = Z
    if activation == "sigmoid":
        A = sigmoid(Z)
    elif activation == "tanh":
        A = tanh(Z)
    elif activation == "relu":
        A = relu(Z)
    elif activation == "leaky_relu":
        A = leaky_relu(Z)
    return A, (linear_cache, Z, activation)
""",
        ),
    ],
}
