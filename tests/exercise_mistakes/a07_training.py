"""Typical mistakes in assignment 7 (Training).

The ``train_network`` mistakes are graded while nnlib's helpers stand in for the
student's, so each costs only the points of ``train_network``.
"""

from exercise_mistakes import Edit

ASSIGNMENT = "07-training"

MISTAKES = {
    "update_parameters": [
        (
            "+ instead of -: a step up the gradient",
            Edit(
                '    return {name: P - learning_rate * grads["d" + name] for name, P in parameters.items()}\n',
                '    return {name: P + learning_rate * grads["d" + name] for name, P in parameters.items()}\n',
            ),
        ),
        (
            "forgot the learning rate",
            Edit(
                '    return {name: P - learning_rate * grads["d" + name] for name, P in parameters.items()}\n',
                '    return {name: P - grads["d" + name] for name, P in parameters.items()}\n',
            ),
        ),
        (
            "modifies the parameters in place",
            Edit(
                '    return {name: P - learning_rate * grads["d" + name] for name, P in parameters.items()}\n',
                '    for name in parameters:\n        parameters[name] -= learning_rate * grads["d" + name]\n    return parameters\n',
            ),
        ),
        (
            "updates only the weights",
            Edit(
                '    return {name: P - learning_rate * grads["d" + name] for name, P in parameters.items()}\n',
                '    L = len(parameters) // 2\n    new_parameters = {}\n    for l in range(1, L + 1):\n        new_parameters[f"W{l}"] = parameters[f"W{l}"] - learning_rate * grads[f"dW{l}"]\n    return new_parameters\n',
            ),
        ),
    ],
    "random_mini_batches": [
        (
            "X and Y shuffled with different permutations",
            """
def random_mini_batches(X, Y, batch_size, seed=None):
    rng = np.random.default_rng(seed)
    X = X[:, rng.permutation(X.shape[1])]
    Y = Y[:, rng.permutation(Y.shape[1])]
    m = X.shape[1]
    return [(X[:, k:k + batch_size], Y[:, k:k + batch_size]) for k in range(0, m, batch_size)]
""",
        ),
        (
            "drops the last partial batch",
            """
def random_mini_batches(X, Y, batch_size, seed=None):
    order = np.random.default_rng(seed).permutation(X.shape[1])
    X, Y = X[:, order], Y[:, order]
    batches = []
    for k in range(X.shape[1] // batch_size):
        cols = slice(k * batch_size, (k + 1) * batch_size)
        batches.append((X[:, cols], Y[:, cols]))
    return batches
""",
        ),
        (
            "an empty last batch when batch_size divides m",
            """
def random_mini_batches(X, Y, batch_size, seed=None):
    order = np.random.default_rng(seed).permutation(X.shape[1])
    X, Y = X[:, order], Y[:, order]
    batches = []
    for k in range(X.shape[1] // batch_size + 1):
        cols = slice(k * batch_size, (k + 1) * batch_size)
        batches.append((X[:, cols], Y[:, cols]))
    return batches
""",
        ),
        (
            "no shuffle at all",
            """
def random_mini_batches(X, Y, batch_size, seed=None):
    m = X.shape[1]
    return [(X[:, k:k + batch_size], Y[:, k:k + batch_size]) for k in range(0, m, batch_size)]
""",
        ),
        (
            "indices drawn with replacement",
            """
def random_mini_batches(X, Y, batch_size, seed=None):
    m = X.shape[1]
    order = np.random.default_rng(seed).integers(0, m, size=m)
    X, Y = X[:, order], Y[:, order]
    return [(X[:, k:k + batch_size], Y[:, k:k + batch_size]) for k in range(0, m, batch_size)]
""",
        ),
        (
            "the seed is ignored",
            """
def random_mini_batches(X, Y, batch_size, seed=None):
    order = np.random.default_rng().permutation(X.shape[1])
    X, Y = X[:, order], Y[:, order]
    m = X.shape[1]
    return [(X[:, k:k + batch_size], Y[:, k:k + batch_size]) for k in range(0, m, batch_size)]
""",
        ),
        (
            "shuffles X and Y in place",
            """
def random_mini_batches(X, Y, batch_size, seed=None):
    order = np.random.default_rng(seed).permutation(X.shape[1])
    X[:], Y[:] = X[:, order], Y[:, order]
    m = X.shape[1]
    return [(X[:, k:k + batch_size], Y[:, k:k + batch_size]) for k in range(0, m, batch_size)]
""",
        ),
    ],
    "initialize_velocity": [
        (
            "keys W1, b1 instead of dW1, db1",
            Edit(
                '    return {"d" + name: np.zeros_like(P) for name, P in parameters.items()}\n',
                "    return {name: np.zeros_like(P) for name, P in parameters.items()}\n",
            ),
        ),
        (
            "np.zeros(P.shape) turns float32 into float64",
            Edit(
                '    return {"d" + name: np.zeros_like(P) for name, P in parameters.items()}\n',
                '    return {"d" + name: np.zeros(P.shape) for name, P in parameters.items()}\n',
            ),
        ),
        (
            "the velocity is the parameters themselves",
            Edit(
                '    return {"d" + name: np.zeros_like(P) for name, P in parameters.items()}\n',
                '    return {"d" + name: P for name, P in parameters.items()}\n',
            ),
        ),
        (
            "rank-1 zeros",
            Edit(
                '    return {"d" + name: np.zeros_like(P) for name, P in parameters.items()}\n',
                '    return {"d" + name: np.zeros(P.shape[0], dtype=P.dtype) for name, P in parameters.items()}\n',
            ),
        ),
    ],
    "update_parameters_with_momentum": [
        (
            "momentum without (1 - beta)",
            Edit(
                "    new_velocity = {key: beta * velocity[key] + (1 - beta) * grads[key] for key in velocity}\n    return update_parameters(parameters, new_velocity, learning_rate), new_velocity\n",
                '    new_parameters, new_velocity = {}, {}\n    for name, P in parameters.items():\n        v = beta * velocity["d" + name] + grads["d" + name]\n        new_velocity["d" + name] = v\n        new_parameters[name] = P - learning_rate * v\n    return new_parameters, new_velocity\n',
            ),
        ),
        (
            "the step uses the old velocity (velocity updated after the parameters)",
            Edit(
                "    new_velocity = {key: beta * velocity[key] + (1 - beta) * grads[key] for key in velocity}\n    return update_parameters(parameters, new_velocity, learning_rate), new_velocity\n",
                '    new_parameters, new_velocity = {}, {}\n    for name, P in parameters.items():\n        new_parameters[name] = P - learning_rate * velocity["d" + name]\n        new_velocity["d" + name] = beta * velocity["d" + name] + (1 - beta) * grads["d" + name]\n    return new_parameters, new_velocity\n',
            ),
        ),
        (
            "+ instead of -",
            Edit(
                "    new_velocity = {key: beta * velocity[key] + (1 - beta) * grads[key] for key in velocity}\n    return update_parameters(parameters, new_velocity, learning_rate), new_velocity\n",
                '    new_parameters, new_velocity = {}, {}\n    for name, P in parameters.items():\n        v = beta * velocity["d" + name] + (1 - beta) * grads["d" + name]\n        new_velocity["d" + name] = v\n        new_parameters[name] = P + learning_rate * v\n    return new_parameters, new_velocity\n',
            ),
        ),
        (
            "beta and 1 - beta swapped",
            Edit(
                "    new_velocity = {key: beta * velocity[key] + (1 - beta) * grads[key] for key in velocity}\n    return update_parameters(parameters, new_velocity, learning_rate), new_velocity\n",
                '    new_parameters, new_velocity = {}, {}\n    for name, P in parameters.items():\n        v = (1 - beta) * velocity["d" + name] + beta * grads["d" + name]\n        new_velocity["d" + name] = v\n        new_parameters[name] = P - learning_rate * v\n    return new_parameters, new_velocity\n',
            ),
        ),
        (
            "modifies the parameters and the velocity in place",
            Edit(
                "    new_velocity = {key: beta * velocity[key] + (1 - beta) * grads[key] for key in velocity}\n    return update_parameters(parameters, new_velocity, learning_rate), new_velocity\n",
                '    for name in parameters:\n        velocity["d" + name] *= beta\n        velocity["d" + name] += (1 - beta) * grads["d" + name]\n        parameters[name] -= learning_rate * velocity["d" + name]\n    return parameters, velocity\n',
            ),
        ),
    ],
    "train_network": [
        (
            "a learning rate too small: divided by the batch size",
            Edit(
                "            step = update_parameters_with_momentum(parameters, grads, velocity, beta, learning_rate)\n            parameters, velocity = step\n",
                "            parameters, velocity = update_parameters_with_momentum(\n                parameters, grads, velocity, beta, learning_rate / batch_size\n            )\n",
            ),
        ),
        (
            "the updated parameters are thrown away",
            Edit(
                "            step = update_parameters_with_momentum(parameters, grads, velocity, beta, learning_rate)\n            parameters, velocity = step\n",
                "            update_parameters_with_momentum(parameters, grads, velocity, beta, learning_rate)\n",
            ),
        ),
        (
            "model_backward's arguments swapped: a step up the gradient",
            Edit(
                "            grads = model_backward(AL, Y_batch, caches)\n            step = update_parameters_with_momentum(parameters, grads, velocity, beta, learning_rate)\n            parameters, velocity = step\n",
                "            grads = model_backward(Y_batch, AL, caches)\n            parameters, velocity = update_parameters_with_momentum(\n                parameters, grads, velocity, beta, learning_rate\n            )\n",
            ),
        ),
        (
            "the velocity reset to zero at every step",
            """
def train_network(X, Y, layer_dims, learning_rate, num_epochs, batch_size, beta, seed=0):
    parameters = initialize_parameters(layer_dims, "he", seed=seed)
    for epoch in range(num_epochs):
        for X_batch, Y_batch in random_mini_batches(X, Y, batch_size, seed=seed + epoch):
            velocity = initialize_velocity(parameters)
            AL, caches = model_forward(X_batch, parameters, "relu", "softmax")
            grads = model_backward(AL, Y_batch, caches)
            parameters, velocity = update_parameters_with_momentum(
                parameters, grads, velocity, beta, learning_rate
            )
    return parameters
""",
        ),
        (
            "shuffled once, before the first epoch",
            """
def train_network(X, Y, layer_dims, learning_rate, num_epochs, batch_size, beta, seed=0):
    parameters = initialize_parameters(layer_dims, "he", seed=seed)
    velocity = initialize_velocity(parameters)
    batches = random_mini_batches(X, Y, batch_size, seed=seed)
    for epoch in range(num_epochs):
        for X_batch, Y_batch in batches:
            AL, caches = model_forward(X_batch, parameters, "relu", "softmax")
            grads = model_backward(AL, Y_batch, caches)
            parameters, velocity = update_parameters_with_momentum(
                parameters, grads, velocity, beta, learning_rate
            )
    return parameters
""",
        ),
        (
            "every epoch shuffled with the same seed",
            [
                Edit(
                    "        for X_batch, Y_batch in random_mini_batches(X, Y, batch_size, seed=seed + epoch):\n",
                    "        for X_batch, Y_batch in random_mini_batches(X, Y, batch_size, seed=seed):\n",
                ),
                Edit(
                    "            step = update_parameters_with_momentum(parameters, grads, velocity, beta, learning_rate)\n            parameters, velocity = step\n",
                    "            parameters, velocity = update_parameters_with_momentum(\n                parameters, grads, velocity, beta, learning_rate\n            )\n",
                ),
            ],
        ),
    ],
}
