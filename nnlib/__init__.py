"""nnlib: the NumPy library built in *Neural Networks from Scratch*.

One module per chapter; import the functions from the modules::

    from nnlib.backprop import model_forward, model_backward

Examples are columns everywhere: ``X`` has shape ``(n_x, m)``. See
``nnlib/README.md`` for the map from modules to chapters.
"""

__version__ = "0.1.0"
