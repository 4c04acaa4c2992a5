"""What ``nnlib.grading.grade`` checks for each graded function, one module per assignment.

Each module defines ``SPECS``: for every function its students write, either a
``nnlib.grading.Spec`` (compare with nnlib's reference on random inputs) or a
function ``check(student, namespace)`` for what has no single right output (random
initializations, shuffled mini-batches). ``common`` holds the shared building blocks.
"""

from nnlib.grading_specs import (
    activations,
    backprop,
    broadcasting,
    initialization,
    neurons,
    training,
    vectorization,
)

SPECS = {
    **neurons.SPECS,
    **activations.SPECS,
    **vectorization.SPECS,
    **broadcasting.SPECS,
    **backprop.SPECS,
    **initialization.SPECS,
    **training.SPECS,
}
