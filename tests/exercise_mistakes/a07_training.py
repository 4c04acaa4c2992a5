"""Typical mistakes in assignment 7 (Training).

The ``train_network`` mistakes are graded while nnlib's helpers stand in for the
student's, so each costs only the points of ``train_network``.
"""

ASSIGNMENT = "07-training"

MISTAKES = {
    "update_parameters": [
        (
            "+ instead of -: a step up the gradient",
            """
def update_parameters(parameters, grads, learning_rate):
    return {name: P + learning_rate * grads["d" + name] for name, P in parameters.items()}
""",
        ),
        (
            "forgot the learning rate",
            """
def update_parameters(parameters, grads, learning_rate):
    return {name: P - grads["d" + name] for name, P in parameters.items()}
""",
        ),
        (
            "modifies the parameters in place",
            """
def update_parameters(parameters, grads, learning_rate):
    for name in parameters:
        parameters[name] -= learning_rate * grads["d" + name]
    return parameters
""",
        ),
        (
            "updates only the weights",
            """
def update_parameters(parameters, grads, learning_rate):
    L = len(parameters) // 2
    new_parameters = {}
    for l in range(1, L + 1):
        new_parameters[f"W{l}"] = parameters[f"W{l}"] - learning_rate * grads[f"dW{l}"]
    return new_parameters
""",
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
            """
def initialize_velocity(parameters):
    return {name: np.zeros_like(P) for name, P in parameters.items()}
""",
        ),
        (
            "np.zeros(P.shape) turns float32 into float64",
            """
def initialize_velocity(parameters):
    return {"d" + name: np.zeros(P.shape) for name, P in parameters.items()}
""",
        ),
        (
            "the velocity is the parameters themselves",
            """
def initialize_velocity(parameters):
    return {"d" + name: P for name, P in parameters.items()}
""",
        ),
        (
            "rank-1 zeros",
            """
def initialize_velocity(parameters):
    return {"d" + name: np.zeros(P.shape[0], dtype=P.dtype) for name, P in parameters.items()}
""",
        ),
    ],
    "update_parameters_with_momentum": [
        (
            "momentum without (1 - beta)",
            """
def update_parameters_with_momentum(parameters, grads, velocity, beta, learning_rate):
    new_parameters, new_velocity = {}, {}
    for name, P in parameters.items():
        v = beta * velocity["d" + name] + grads["d" + name]
        new_velocity["d" + name] = v
        new_parameters[name] = P - learning_rate * v
    return new_parameters, new_velocity
""",
        ),
        (
            "the step uses the old velocity (velocity updated after the parameters)",
            """
def update_parameters_with_momentum(parameters, grads, velocity, beta, learning_rate):
    new_parameters, new_velocity = {}, {}
    for name, P in parameters.items():
        new_parameters[name] = P - learning_rate * velocity["d" + name]
        new_velocity["d" + name] = beta * velocity["d" + name] + (1 - beta) * grads["d" + name]
    return new_parameters, new_velocity
""",
        ),
        (
            "+ instead of -",
            """
def update_parameters_with_momentum(parameters, grads, velocity, beta, learning_rate):
    new_parameters, new_velocity = {}, {}
    for name, P in parameters.items():
        v = beta * velocity["d" + name] + (1 - beta) * grads["d" + name]
        new_velocity["d" + name] = v
        new_parameters[name] = P + learning_rate * v
    return new_parameters, new_velocity
""",
        ),
        (
            "beta and 1 - beta swapped",
            """
def update_parameters_with_momentum(parameters, grads, velocity, beta, learning_rate):
    new_parameters, new_velocity = {}, {}
    for name, P in parameters.items():
        v = (1 - beta) * velocity["d" + name] + beta * grads["d" + name]
        new_velocity["d" + name] = v
        new_parameters[name] = P - learning_rate * v
    return new_parameters, new_velocity
""",
        ),
        (
            "modifies the parameters and the velocity in place",
            """
def update_parameters_with_momentum(parameters, grads, velocity, beta, learning_rate):
    for name in parameters:
        velocity["d" + name] *= beta
        velocity["d" + name] += (1 - beta) * grads["d" + name]
        parameters[name] -= learning_rate * velocity["d" + name]
    return parameters, velocity
""",
        ),
    ],
    "train_network": [
        (
            "a learning rate too small: divided by the batch size",
            """
def train_network(X, Y, layer_dims, learning_rate, num_epochs, batch_size, beta, seed=0):
    parameters = initialize_parameters(layer_dims, "he", seed=seed)
    velocity = initialize_velocity(parameters)
    for epoch in range(num_epochs):
        for X_batch, Y_batch in random_mini_batches(X, Y, batch_size, seed=seed + epoch):
            AL, caches = model_forward(X_batch, parameters, "relu", "softmax")
            grads = model_backward(AL, Y_batch, caches)
            parameters, velocity = update_parameters_with_momentum(
                parameters, grads, velocity, beta, learning_rate / batch_size
            )
    return parameters
""",
        ),
        (
            "the updated parameters are thrown away",
            """
def train_network(X, Y, layer_dims, learning_rate, num_epochs, batch_size, beta, seed=0):
    parameters = initialize_parameters(layer_dims, "he", seed=seed)
    velocity = initialize_velocity(parameters)
    for epoch in range(num_epochs):
        for X_batch, Y_batch in random_mini_batches(X, Y, batch_size, seed=seed + epoch):
            AL, caches = model_forward(X_batch, parameters, "relu", "softmax")
            grads = model_backward(AL, Y_batch, caches)
            update_parameters_with_momentum(parameters, grads, velocity, beta, learning_rate)
    return parameters
""",
        ),
        (
            "model_backward's arguments swapped: a step up the gradient",
            """
def train_network(X, Y, layer_dims, learning_rate, num_epochs, batch_size, beta, seed=0):
    parameters = initialize_parameters(layer_dims, "he", seed=seed)
    velocity = initialize_velocity(parameters)
    for epoch in range(num_epochs):
        for X_batch, Y_batch in random_mini_batches(X, Y, batch_size, seed=seed + epoch):
            AL, caches = model_forward(X_batch, parameters, "relu", "softmax")
            grads = model_backward(Y_batch, AL, caches)
            parameters, velocity = update_parameters_with_momentum(
                parameters, grads, velocity, beta, learning_rate
            )
    return parameters
""",
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
            """
def train_network(X, Y, layer_dims, learning_rate, num_epochs, batch_size, beta, seed=0):
    parameters = initialize_parameters(layer_dims, "he", seed=seed)
    velocity = initialize_velocity(parameters)
    for epoch in range(num_epochs):
        for X_batch, Y_batch in random_mini_batches(X, Y, batch_size, seed=seed):
            AL, caches = model_forward(X_batch, parameters, "relu", "softmax")
            grads = model_backward(AL, Y_batch, caches)
            parameters, velocity = update_parameters_with_momentum(
                parameters, grads, velocity, beta, learning_rate
            )
    return parameters
""",
        ),
    ],
}
