"""Typical mistakes in assignment 5 (Backpropagation).

The notebook's locked imports cell provides relu_backward, sigmoid_backward,
tanh_backward (nnlib.activations), model_forward (nnlib.backprop) and compute_cost
(nnlib.losses); the wrong functions below may use them.
"""

ASSIGNMENT = "05-backprop"

MISTAKES = {
    "linear_backward": [
        (
            "1/m inside linear_backward",
            """
def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    return W.T @ dZ, dZ @ A_prev.T / m, np.sum(dZ, axis=1, keepdims=True) / m
""",
        ),
        (
            "a missing transpose: A_prev dZ^T instead of dZ A_prev^T",
            """
def linear_backward(dZ, cache):
    A_prev, W, b = cache
    return W.T @ dZ, A_prev @ dZ.T, np.sum(dZ, axis=1, keepdims=True)
""",
        ),
        (
            "db without keepdims (a rank-1 array)",
            """
def linear_backward(dZ, cache):
    A_prev, W, b = cache
    return W.T @ dZ, dZ @ A_prev.T, np.sum(dZ, axis=1)
""",
        ),
        (
            "db summed over the wrong axis",
            """
def linear_backward(dZ, cache):
    A_prev, W, b = cache
    return W.T @ dZ, dZ @ A_prev.T, np.sum(dZ, axis=0, keepdims=True)
""",
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
            """
def linear_activation_backward(dA, cache, activation):
    linear_cache, Z, _ = cache
    if activation == "relu":
        dZ = relu_backward(dA, Z)
    elif activation == "sigmoid":
        dZ = sigmoid_backward(dA, Z)
    else:
        dZ = dA * (1 - Z**2)
    return linear_backward(dZ, linear_cache)
""",
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
            """
def model_backward(AL, Y, caches):
    L = len(caches)
    grads = {}
    dZ = AL - Y
    dA, grads[f"dW{L}"], grads[f"db{L}"] = linear_backward(dZ, caches[L - 1][0])
    for l in range(L - 1, 0, -1):
        dA, grads[f"dW{l}"], grads[f"db{l}"] = linear_activation_backward(
            dA, caches[l - 1], caches[l - 1][2]
        )
    return grads
""",
        ),
        (
            "Y - AL instead of AL - Y",
            """
def model_backward(AL, Y, caches):
    L = len(caches)
    grads = {}
    dZ = (Y - AL) / AL.shape[1]
    dA, grads[f"dW{L}"], grads[f"db{L}"] = linear_backward(dZ, caches[L - 1][0])
    for l in range(L - 1, 0, -1):
        dA, grads[f"dW{l}"], grads[f"db{l}"] = linear_activation_backward(
            dA, caches[l - 1], caches[l - 1][2]
        )
    return grads
""",
        ),
        (
            "off by one: layer l's cache taken as caches[l]",
            """
def model_backward(AL, Y, caches):
    L = len(caches)
    grads = {}
    dZ = (AL - Y) / AL.shape[1]
    dA, grads[f"dW{L}"], grads[f"db{L}"] = linear_backward(dZ, caches[L - 1][0])
    for l in range(L - 1, 0, -1):
        dA, grads[f"dW{l}"], grads[f"db{l}"] = linear_activation_backward(
            dA, caches[l], caches[l][2]
        )
    return grads
""",
        ),
        (
            "off by one: gradients keyed from 0 (dW0, ...)",
            """
def model_backward(AL, Y, caches):
    L = len(caches)
    grads = {}
    dZ = (AL - Y) / AL.shape[1]
    dA, grads[f"dW{L - 1}"], grads[f"db{L - 1}"] = linear_backward(dZ, caches[L - 1][0])
    for l in reversed(range(L - 1)):
        dA, grads[f"dW{l}"], grads[f"db{l}"] = linear_activation_backward(
            dA, caches[l], caches[l][2]
        )
    return grads
""",
        ),
        (
            "the loop stops before layer 1",
            """
def model_backward(AL, Y, caches):
    L = len(caches)
    grads = {}
    dZ = (AL - Y) / AL.shape[1]
    dA, grads[f"dW{L}"], grads[f"db{L}"] = linear_backward(dZ, caches[L - 1][0])
    for l in range(L - 1, 1, -1):
        dA, grads[f"dW{l}"], grads[f"db{l}"] = linear_activation_backward(
            dA, caches[l - 1], caches[l - 1][2]
        )
    return grads
""",
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
            saved = P[j]
            P[j] = saved + epsilon
            J_plus = compute_cost(model_forward(X, params, **model_kwargs)[0], Y, output)
            P[j] = saved - epsilon
            J_minus = compute_cost(model_forward(X, params, **model_kwargs)[0], Y, output)
            numeric[j] = (J_plus - J_minus) / (2 * epsilon)
        a = grads["d" + name]
        norm = np.linalg.norm
        largest = max(largest, norm(a - numeric) / (norm(a) + norm(numeric)))
    return float(largest)
""",
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
            saved = P[j]
            P[j] = saved + epsilon
            J_plus = compute_cost(model_forward(X, params, **model_kwargs)[0], Y, output)
            P[j] = saved - epsilon
            J_minus = compute_cost(model_forward(X, params, **model_kwargs)[0], Y, output)
            P[j] = saved
            numeric[j] = (J_plus - J_minus) / epsilon
        a = grads["d" + name]
        norm = np.linalg.norm
        largest = max(largest, norm(a - numeric) / (norm(a) + norm(numeric)))
    return float(largest)
""",
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
            """
def gradient_check(X, Y, parameters, epsilon=1e-7, **model_kwargs):
    params = {k: v.copy() for k, v in parameters.items()}
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
        ),
        (
            "the mean relative error over the arrays instead of the largest",
            """
def gradient_check(X, Y, parameters, epsilon=1e-7, **model_kwargs):
    X = np.asarray(X, dtype=np.float64)
    Y = np.asarray(Y, dtype=np.float64)
    params = {k: np.array(v, dtype=np.float64) for k, v in parameters.items()}
    output = model_kwargs.get("output_activation", "sigmoid")
    AL, caches = model_forward(X, params, **model_kwargs)
    grads = model_backward(AL, Y, caches)
    errors = []
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
        errors.append(norm(a - numeric) / (norm(a) + norm(numeric)))
    return float(np.mean(errors))
""",
        ),
        (
            "only the weights checked, not the biases",
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
        if not name.startswith("W"):
            continue
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
        ),
    ],
}
