"""Typical mistakes in assignment 5 (Backpropagation).

The notebook's locked imports cell provides relu_backward, sigmoid_backward,
tanh_backward (nnlib.activations), model_forward (nnlib.backprop) and compute_cost
(nnlib.losses); the wrong functions below may use them.
"""

from exercise_mistakes import Edit, wrong_function

# Plain, correct versions written the way many students do; the mistakes
# of these functions are edits of them.
BASES = {
    "gradient_check": """
def gradient_check(X, Y, parameters, epsilon=1e-7, **model_kwargs):
    X = np.asarray(X, dtype=np.float64)
    Y = np.asarray(Y, dtype=np.float64)
    params = {k: np.array(v, dtype=np.float64) for k, v in parameters.items()}
    output = model_kwargs.get("output_activation", "sigmoid")
    AL, caches = model_forward(X, params, **model_kwargs)
    grads = model_backward(AL, Y, caches)
    largest = 0.0
    for name, P in params.items():
        numeric = np.zeros_like(P)
        for j in np.ndindex(P.shape):
            saved = P[j]
            P[j] = saved + epsilon
            J_plus = compute_cost(model_forward(X, params, **model_kwargs)[0], Y, output)
            P[j] = saved - epsilon
            J_minus = compute_cost(model_forward(X, params, **model_kwargs)[0], Y, output)
            P[j] = saved
            numeric[j] = (J_plus - J_minus) / (2 * epsilon)
        a = grads["d" + name]
        norm = np.linalg.norm
        largest = max(largest, norm(a - numeric) / (norm(a) + norm(numeric)))
    return float(largest)
""",
    "model_backward": """
def model_backward(AL, Y, caches):
    L = len(caches)
    grads = {}
    dZ = (AL - Y) / AL.shape[1]
    dA, grads[f"dW{L}"], grads[f"db{L}"] = linear_backward(dZ, caches[L - 1][0])
    for l in range(L - 1, 0, -1):
        dA, grads[f"dW{l}"], grads[f"db{l}"] = linear_activation_backward(
            dA, caches[l - 1], caches[l - 1][2]
        )
    return grads
""",
}

ASSIGNMENT = "05-backprop"

MISTAKES = {
    "linear_backward": [
        (
            "1/m inside linear_backward",
            Edit(
                "    dA_prev = W.T @ dZ\n    dW = dZ @ A_prev.T\n    db = np.sum(dZ, axis=1, keepdims=True)\n    return dA_prev, dW, db\n",
                "    m = A_prev.shape[1]\n    return W.T @ dZ, dZ @ A_prev.T / m, np.sum(dZ, axis=1, keepdims=True) / m\n",
            ),
        ),
        (
            "a missing transpose: A_prev dZ^T instead of dZ A_prev^T",
            Edit(
                "    dA_prev = W.T @ dZ\n    dW = dZ @ A_prev.T\n    db = np.sum(dZ, axis=1, keepdims=True)\n    return dA_prev, dW, db\n",
                "    return W.T @ dZ, A_prev @ dZ.T, np.sum(dZ, axis=1, keepdims=True)\n",
            ),
        ),
        (
            "db without keepdims (a rank-1 array)",
            Edit(
                "    dA_prev = W.T @ dZ\n    dW = dZ @ A_prev.T\n    db = np.sum(dZ, axis=1, keepdims=True)\n    return dA_prev, dW, db\n",
                "    return W.T @ dZ, dZ @ A_prev.T, np.sum(dZ, axis=1)\n",
            ),
        ),
        (
            "db summed over the wrong axis",
            Edit(
                "    dA_prev = W.T @ dZ\n    dW = dZ @ A_prev.T\n    db = np.sum(dZ, axis=1, keepdims=True)\n    return dA_prev, dW, db\n",
                "    return W.T @ dZ, dZ @ A_prev.T, np.sum(dZ, axis=0, keepdims=True)\n",
            ),
        ),
    ],
    "linear_activation_backward": [
        (
            "relu's derivative on the wrong side",
            """
def linear_activation_backward(dA, cache, activation):
    linear_cache, Z, _ = cache
    if activation == "relu":
        dZ = dA * (Z < 0)
    elif activation == "sigmoid":
        dZ = sigmoid_backward(dA, Z)
    else:
        dZ = tanh_backward(dA, Z)
    return linear_backward(dZ, linear_cache)
""",
        ),
        (
            "no activation derivative: dA passed on as dZ",
            """
def linear_activation_backward(dA, cache, activation):
    linear_cache, Z, _ = cache
    return linear_backward(dA, linear_cache)
""",
        ),
        (
            "tanh's derivative computed from Z instead of tanh(Z)",
            [
                Edit('    elif activation == "tanh":\n        dZ = tanh_backward(dA, Z)\n', ""),
                Edit(
                    '        raise ValueError(f"unknown activation {activation!r}")\n',
                    "        dZ = dA * (1 - Z**2)\n",
                ),
            ],
        ),
        (
            "the activation argument ignored: always relu",
            """
def linear_activation_backward(dA, cache, activation):
    linear_cache, Z, _ = cache
    return linear_backward(relu_backward(dA, Z), linear_cache)
""",
        ),
    ],
    "model_backward": [
        (
            "forgot 1/m at the output",
            wrong_function(
                BASES["model_backward"],
                Edit("    dZ = (AL - Y) / AL.shape[1]\n", "    dZ = AL - Y\n"),
            ),
        ),
        (
            "Y - AL instead of AL - Y",
            wrong_function(
                BASES["model_backward"],
                Edit("    dZ = (AL - Y) / AL.shape[1]\n", "    dZ = (Y - AL) / AL.shape[1]\n"),
            ),
        ),
        (
            "off by one: layer l's cache taken as caches[l]",
            wrong_function(
                BASES["model_backward"],
                Edit(
                    "            dA, caches[l - 1], caches[l - 1][2]\n",
                    "            dA, caches[l], caches[l][2]\n",
                ),
            ),
        ),
        (
            "off by one: gradients keyed from 0 (dW0, ...)",
            wrong_function(
                BASES["model_backward"],
                [
                    Edit(
                        '    dA, grads[f"dW{L}"], grads[f"db{L}"] = linear_backward(dZ, caches[L - 1][0])\n    for l in range(L - 1, 0, -1):\n',
                        '    dA, grads[f"dW{L - 1}"], grads[f"db{L - 1}"] = linear_backward(dZ, caches[L - 1][0])\n    for l in reversed(range(L - 1)):\n',
                    ),
                    Edit(
                        "            dA, caches[l - 1], caches[l - 1][2]\n",
                        "            dA, caches[l], caches[l][2]\n",
                    ),
                ],
            ),
        ),
        (
            "the loop stops before layer 1",
            wrong_function(
                BASES["model_backward"],
                Edit("    for l in range(L - 1, 0, -1):\n", "    for l in range(L - 1, 1, -1):\n"),
            ),
        ),
    ],
    "gradient_check": [
        (
            "a one-sided difference (J(theta + eps) - J(theta)) / eps",
            """
def gradient_check(X, Y, parameters, epsilon=1e-7, **model_kwargs):
    X = np.asarray(X, dtype=np.float64)
    Y = np.asarray(Y, dtype=np.float64)
    params = {k: np.array(v, dtype=np.float64) for k, v in parameters.items()}
    output = model_kwargs.get("output_activation", "sigmoid")
    AL, caches = model_forward(X, params, **model_kwargs)
    grads = model_backward(AL, Y, caches)
    J = compute_cost(AL, Y, output)
    largest = 0.0
    for name, P in params.items():
        numeric = np.zeros_like(P)
        for j in np.ndindex(P.shape):
            saved = P[j]
            P[j] = saved + epsilon
            J_plus = compute_cost(model_forward(X, params, **model_kwargs)[0], Y, output)
            P[j] = saved
            numeric[j] = (J_plus - J) / epsilon
        a = grads["d" + name]
        norm = np.linalg.norm
        largest = max(largest, norm(a - numeric) / (norm(a) + norm(numeric)))
    return float(largest)
""",
        ),
        (
            "a parameter not put back after perturbing it",
            wrong_function(BASES["gradient_check"], Edit("            P[j] = saved\n", "")),
        ),
        (
            "perturbs the caller's parameters in place and does not restore them",
            """
def gradient_check(X, Y, parameters, epsilon=1e-7, **model_kwargs):
    X = np.asarray(X, dtype=np.float64)
    Y = np.asarray(Y, dtype=np.float64)
    output = model_kwargs.get("output_activation", "sigmoid")
    AL, caches = model_forward(X, parameters, **model_kwargs)
    grads = model_backward(AL, Y, caches)
    largest = 0.0
    for name, P in parameters.items():
        numeric = np.zeros(P.shape)
        for j in np.ndindex(P.shape):
            P[j] += epsilon
            J_plus = compute_cost(model_forward(X, parameters, **model_kwargs)[0], Y, output)
            P[j] -= 2 * epsilon
            J_minus = compute_cost(model_forward(X, parameters, **model_kwargs)[0], Y, output)
            numeric[j] = (J_plus - J_minus) / (2 * epsilon)
        a = grads["d" + name]
        norm = np.linalg.norm
        largest = max(largest, norm(a - numeric) / (norm(a) + norm(numeric)))
    return float(largest)
""",
        ),
        (
            "divides by epsilon instead of 2 * epsilon",
            wrong_function(
                BASES["gradient_check"],
                Edit(
                    "            numeric[j] = (J_plus - J_minus) / (2 * epsilon)\n",
                    "            numeric[j] = (J_plus - J_minus) / epsilon\n",
                ),
            ),
        ),
        (
            "the minus step not taken: J(theta + eps) - J(theta) over 2 eps",
            """
def gradient_check(X, Y, parameters, epsilon=1e-7, **model_kwargs):
    X = np.asarray(X, dtype=np.float64)
    Y = np.asarray(Y, dtype=np.float64)
    params = {k: np.array(v, dtype=np.float64) for k, v in parameters.items()}
    output = model_kwargs.get("output_activation", "sigmoid")
    AL, caches = model_forward(X, params, **model_kwargs)
    grads = model_backward(AL, Y, caches)
    largest = 0.0
    for name, P in params.items():
        numeric = np.zeros_like(P)
        for j in np.ndindex(P.shape):
            P[j] += epsilon
            J_plus = compute_cost(model_forward(X, params, **model_kwargs)[0], Y, output)
            P[j] -= epsilon
            J_minus = compute_cost(model_forward(X, params, **model_kwargs)[0], Y, output)
            numeric[j] = (J_plus - J_minus) / (2 * epsilon)
        a = grads["d" + name]
        norm = np.linalg.norm
        largest = max(largest, norm(a - numeric) / (norm(a) + norm(numeric)))
    return float(largest)
""",
        ),
        (
            "model_kwargs not passed on to model_forward",
            """
def gradient_check(X, Y, parameters, epsilon=1e-7, **model_kwargs):
    X = np.asarray(X, dtype=np.float64)
    Y = np.asarray(Y, dtype=np.float64)
    params = {k: np.array(v, dtype=np.float64) for k, v in parameters.items()}
    AL, caches = model_forward(X, params)
    grads = model_backward(AL, Y, caches)
    largest = 0.0
    for name, P in params.items():
        numeric = np.zeros_like(P)
        for j in np.ndindex(P.shape):
            saved = P[j]
            P[j] = saved + epsilon
            J_plus = compute_cost(model_forward(X, params)[0], Y)
            P[j] = saved - epsilon
            J_minus = compute_cost(model_forward(X, params)[0], Y)
            P[j] = saved
            numeric[j] = (J_plus - J_minus) / (2 * epsilon)
        a = grads["d" + name]
        norm = np.linalg.norm
        largest = max(largest, norm(a - numeric) / (norm(a) + norm(numeric)))
    return float(largest)
""",
        ),
        (
            "the binary cross-entropy cost for a softmax output",
            """
def gradient_check(X, Y, parameters, epsilon=1e-7, **model_kwargs):
    X = np.asarray(X, dtype=np.float64)
    Y = np.asarray(Y, dtype=np.float64)
    params = {k: np.array(v, dtype=np.float64) for k, v in parameters.items()}
    AL, caches = model_forward(X, params, **model_kwargs)
    grads = model_backward(AL, Y, caches)
    largest = 0.0
    for name, P in params.items():
        numeric = np.zeros_like(P)
        for j in np.ndindex(P.shape):
            saved = P[j]
            P[j] = saved + epsilon
            J_plus = compute_cost(model_forward(X, params, **model_kwargs)[0], Y)
            P[j] = saved - epsilon
            J_minus = compute_cost(model_forward(X, params, **model_kwargs)[0], Y)
            P[j] = saved
            numeric[j] = (J_plus - J_minus) / (2 * epsilon)
        a = grads["d" + name]
        norm = np.linalg.norm
        largest = max(largest, norm(a - numeric) / (norm(a) + norm(numeric)))
    return float(largest)
""",
        ),
        (
            "no float64 conversion: float32 finite differences",
            wrong_function(
                BASES["gradient_check"],
                Edit(
                    "    X = np.asarray(X, dtype=np.float64)\n    Y = np.asarray(Y, dtype=np.float64)\n    params = {k: np.array(v, dtype=np.float64) for k, v in parameters.items()}\n",
                    "    params = {k: v.copy() for k, v in parameters.items()}\n",
                ),
            ),
        ),
        (
            "the mean relative error over the arrays instead of the largest",
            wrong_function(
                BASES["gradient_check"],
                [
                    Edit("    largest = 0.0\n", "    errors = []\n"),
                    Edit(
                        "        largest = max(largest, norm(a - numeric) / (norm(a) + norm(numeric)))\n    return float(largest)\n",
                        "        errors.append(norm(a - numeric) / (norm(a) + norm(numeric)))\n    return float(np.mean(errors))\n",
                    ),
                ],
            ),
        ),
        (
            "only the weights checked, not the biases",
            wrong_function(
                BASES["gradient_check"],
                Edit(
                    "    for name, P in params.items():\n",
                    '    for name, P in params.items():\n        if not name.startswith("W"):\n            continue\n',
                ),
            ),
        ),
    ],
}
