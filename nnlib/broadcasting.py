r"""Chapter: Broadcasting.

Shape discipline for the whole library, and two jobs that broadcasting does well.

* ``check_shape`` is the one place where nnlib validates shapes. Every public
  function calls it at its boundary, so every shape error reads the same way:
  ``"W2 has shape (3, 4), expected (4, 3)"``.
* ``standardize`` computes, per feature (row) of ``X`` with shape ``(n_x, m)``,

  .. math:: \mu = \frac{1}{m} \sum_i x^{(i)}, \qquad
            \sigma^2 = \frac{1}{m} \sum_i (x^{(i)} - \mu)^2, \qquad
            \tilde x^{(i)} = \frac{x^{(i)} - \mu}{\sigma},

  with ``mu`` and ``sigma`` kept as ``(n_x, 1)`` columns (``keepdims=True``) so
  that they broadcast across the ``m`` columns of ``X``.
* ``one_hot`` turns integer labels of shape ``(m,)`` or ``(1, m)`` into a
  ``(num_classes, m)`` matrix with a single 1 per column.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = ["as_float_array", "check_shape", "one_hot", "standardize"]


def check_shape(name: str, array, expected: Sequence[int | None]) -> None:
    """Raise ``ValueError`` unless ``array`` has the ``expected`` shape.

    Args:
        name: the argument's name as the caller knows it, e.g. ``"A_prev"``.
        array: anything ``np.shape`` accepts (array, list, scalar).
        expected: the expected shape; ``None`` in a position accepts any size.

    The message names the argument, the actual and the expected shape, and
    points out rank-1 arrays ``(n,)``, the most common cause of shape bugs.
    """
    actual = np.shape(array)
    expected = tuple(expected)
    fits = len(actual) == len(expected) and all(
        want is None or have == want for have, want in zip(actual, expected, strict=True)
    )
    if fits:
        return
    shown = "(" + ", ".join("any" if d is None else str(d) for d in expected)
    shown += ",)" if len(expected) == 1 else ")"
    message = f"{name} has shape {actual}, expected {shown}"
    if len(actual) == 1 and len(expected) == 2:
        message += f": {name} is a rank-1 array; make it a column with {name}.reshape(-1, 1)"
    raise ValueError(message)


def as_float_array(name: str, array) -> np.ndarray:
    """Return ``array`` as a floating-point ndarray without copying float input.

    float16/32/64 arrays keep their dtype (float32 in, float32 out); integers,
    booleans and Python lists become float64. Anything else raises ``ValueError``.
    """
    array = np.asarray(array)
    if np.issubdtype(array.dtype, np.floating):
        return array
    if np.issubdtype(array.dtype, np.integer) or array.dtype == np.bool_:
        return array.astype(np.float64)
    raise ValueError(f"{name} must hold numbers, got dtype {array.dtype}")


def standardize(X, mean=None, std=None):
    """Give every feature (row) of ``X`` zero mean and unit variance.

    Args:
        X: data, shape ``(n_x, m)``, one example per column.
        mean: per-feature means, shape ``(n_x, 1)``. Pass the *training* set's
            statistics when standardizing validation or test data.
        std: per-feature standard deviations, shape ``(n_x, 1)``; given together
            with ``mean``.

    Returns:
        ``(X_std, mean, std)``: ``X_std = (X - mean) / std`` with the shape of
        ``X``, and the statistics used, each ``(n_x, 1)``. A feature that is
        constant in the training data has ``std`` set to 1, so it maps to 0
        instead of dividing by zero.
    """
    X = as_float_array("X", X)
    check_shape("X", X, (None, None))
    n_x = X.shape[0]
    if (mean is None) != (std is None):
        raise ValueError("pass both mean and std (the training statistics), or neither")
    if mean is None:
        mean = X.mean(axis=1, keepdims=True)
        std = X.std(axis=1, keepdims=True)
        std = np.where(std > 0, std, np.ones_like(std))
    else:
        mean = as_float_array("mean", mean).astype(X.dtype, copy=False)
        std = as_float_array("std", std).astype(X.dtype, copy=False)
        check_shape("mean", mean, (n_x, 1))
        check_shape("std", std, (n_x, 1))
    return (X - mean) / std, mean, std


def one_hot(labels, num_classes: int, dtype=np.float64) -> np.ndarray:
    """Encode integer class labels as one-hot columns.

    Args:
        labels: integers in ``[0, num_classes)``, shape ``(m,)`` or ``(1, m)``.
        num_classes: the number of classes ``C``.
        dtype: dtype of the result.

    Returns:
        ``Y`` with shape ``(C, m)``: ``Y[k, i] = 1`` if ``labels[i] == k``, else 0.
    """
    labels = np.asarray(labels)
    if labels.ndim == 2 and labels.shape[0] == 1:
        labels = labels[0]
    check_shape("labels", labels, (None,))
    if not np.issubdtype(labels.dtype, np.integer):
        if not np.all(np.mod(labels, 1) == 0):
            raise ValueError(f"labels must be whole numbers, got dtype {labels.dtype}")
        labels = labels.astype(np.int64)
    if labels.size and (labels.min() < 0 or labels.max() >= num_classes):
        raise ValueError(
            f"labels must lie in [0, {num_classes}), got values from "
            f"{labels.min()} to {labels.max()}"
        )
    # Broadcasting: a (C, 1) column of class indices against a (1, m) row of labels.
    classes = np.arange(num_classes).reshape(-1, 1)
    return (classes == labels.reshape(1, -1)).astype(dtype)
