"""Time one training step of a 784-256-128-10 ReLU/softmax network, three ways.

One step = forward pass, backward pass and a plain gradient-descent update, on
one batch of float32 examples (columns of ``X``):

1. nnlib, vectorized: ``model_forward`` + ``model_backward`` + ``update_parameters``.
2. A per-example loop: nnlib's own ``model_forward`` / ``model_backward`` on each
   column ``X[:, [i]]`` (m = 1), the gradients averaged over the batch, then the
   same update. No math is rewritten; only the batching is taken away.
3. PyTorch on the CPU, when ``import torch`` works (optional): the same network,
   initial weights copied from nnlib's, ``F.cross_entropy``, ``loss.backward()``
   and a manual SGD update under ``torch.no_grad()``.

Before timing, the gradients of the three on the same batch must agree
(``np.allclose`` with float32 tolerances) and every array of the nnlib step must
be float32; the script exits with status 1 if not. Otherwise it prints the
median step times, the ratios against the targets (nnlib at most 1.2x PyTorch's
step; at least 20x faster than the loop) and exits with status 0 whether the
targets are met or not: it is a benchmark, not a test.

Run it with ``make bench`` or ``python benchmarks/train_step.py --help``.
"""

from __future__ import annotations

import argparse
import platform
import resource
import statistics
import sys
import time
import tracemalloc

import numpy as np

from nnlib.backprop import model_backward, model_forward
from nnlib.initialization import initialize_parameters
from nnlib.losses import compute_cost
from nnlib.training import update_parameters

LAYER_DIMS = (784, 256, 128, 10)
DTYPE = np.float32
MODEL = {"hidden_activation": "relu", "output_activation": "softmax"}
TARGET_VS_TORCH = 1.2  # nnlib step time / PyTorch step time must be at most this
TARGET_VS_LOOP = 20.0  # loop step time / nnlib step time must be at least this
# float32 gradients summed in a different order (batch vs loop vs torch) differ
# by a few units in the last place; allow 1e-4 relative, plus an absolute slack
# of 1e-5 times the array's largest entry for entries near zero.
RTOL = 1e-4
ATOL_SCALE = 1e-5
NOISY = 1.5  # warn when a median step is this many times the fastest one


# --------------------------------------------------------------------------- steps


def nnlib_step(X, Y, parameters, learning_rate):
    """One vectorized step; returns ``(new_parameters, grads)``."""
    AL, caches = model_forward(X, parameters, **MODEL)
    grads = model_backward(AL, Y, caches)
    return update_parameters(parameters, grads, learning_rate), grads


def loop_gradients(X, Y, parameters):
    """Batch gradients from one nnlib forward/backward per example, averaged."""
    m = X.shape[1]
    total = {f"d{name}": np.zeros_like(P) for name, P in parameters.items()}
    for i in range(m):
        AL, caches = model_forward(X[:, [i]], parameters, **MODEL)
        grads = model_backward(AL, Y[:, [i]], caches)  # m = 1: one example's gradient
        for key, g in grads.items():
            total[key] += g
    for g in total.values():
        g /= m  # the batch gradient is the mean of the examples' gradients
    return total


def loop_step(X, Y, parameters, learning_rate):
    """One step with per-example gradients; returns ``(new_parameters, grads)``."""
    grads = loop_gradients(X, Y, parameters)
    return update_parameters(parameters, grads, learning_rate), grads


class TorchModel:
    """The same network in PyTorch, examples as rows (PyTorch's layout).

    ``W`` keeps nnlib's ``(n[l], n[l-1])`` shape, which is what ``F.linear``
    expects, and ``b`` becomes a vector of length ``n[l]``.
    """

    def __init__(self, torch, parameters):
        self.torch = torch
        self.F = torch.nn.functional
        self.num_layers = len(parameters) // 2
        self.params = {
            name: torch.tensor(P.reshape(-1) if name.startswith("b") else P, requires_grad=True)
            for name, P in parameters.items()
        }

    def loss(self, X_rows, labels):
        F = self.F
        A = X_rows
        for layer in range(1, self.num_layers + 1):
            A = F.linear(A, self.params[f"W{layer}"], self.params[f"b{layer}"])
            if layer < self.num_layers:
                A = F.relu(A)
        return F.cross_entropy(A, labels)  # softmax + mean cross-entropy, like nnlib

    def update(self, learning_rate):
        with self.torch.no_grad():
            for P in self.params.values():
                P.sub_(P.grad, alpha=learning_rate)
                P.grad = None

    def step(self, X_rows, labels, learning_rate):
        self.loss(X_rows, labels).backward()
        self.update(learning_rate)

    def grads(self):
        """Gradients in nnlib's naming and shapes (``db`` as a column)."""
        return {
            f"d{name}": P.grad.detach().numpy().reshape(P.grad.shape[0], -1)
            if name.startswith("b")
            else P.grad.detach().numpy()
            for name, P in self.params.items()
        }


# --------------------------------------------------------------------------- helpers


def load_torch(disabled):
    if disabled:
        return None, "disabled with --no-torch"
    try:
        import torch  # optional extra, imported only when wanted
    except ImportError as error:
        return None, f"not installed ({error})"
    return torch, f"torch {torch.__version__}"


def blas_info():
    """``(description, num_threads)`` of the BLAS NumPy uses, via threadpoolctl."""
    try:
        import threadpoolctl  # installed with scikit-learn
    except ImportError:
        return "unknown (threadpoolctl not installed)", None
    numpy_dir = np.__file__.rsplit("/", 2)[0]
    pools = [
        pool
        for pool in threadpoolctl.threadpool_info()
        if pool["user_api"] == "blas" and pool["filepath"].startswith(numpy_dir)
    ] or [pool for pool in threadpoolctl.threadpool_info() if pool["user_api"] == "blas"]
    if not pools:
        return "unknown (threadpoolctl found no BLAS)", None
    pool = pools[0]
    return f"{pool['internal_api']} {pool['version']}", pool["num_threads"]


def limit_blas_threads(threads):
    """Keep NumPy's BLAS at ``threads`` threads for the rest of the run."""
    try:
        import threadpoolctl
    except ImportError:
        sys.exit("--threads needs threadpoolctl (pip install threadpoolctl)")
    return threadpoolctl.threadpool_limits(limits=threads, user_api="blas")


def check_close(what, reference, other, names):
    """Exit with status 1 unless every gradient in ``other`` matches ``reference``."""
    worst = 0.0
    for key in names:
        a, b = np.asarray(reference[key]), np.asarray(other[key])
        if a.shape != b.shape:
            sys.exit(f"FAIL: {what}: {key} has shape {b.shape}, expected {a.shape}")
        atol = ATOL_SCALE * float(np.max(np.abs(a)))
        if not np.allclose(b, a, rtol=RTOL, atol=atol):
            error = float(np.max(np.abs(b - a)))
            sys.exit(
                f"FAIL: {what}: gradients {key} differ (max |diff| {error:.3g}, "
                f"max |{key}| {np.max(np.abs(a)):.3g}, rtol {RTOL}, atol {atol:.3g})"
            )
        scale = float(np.max(np.abs(a))) or 1.0
        worst = max(worst, float(np.max(np.abs(b - a))) / scale)
    print(f"  {what:<28} agree (max |diff| / max |grad| = {worst:.1e})")


def check_float32(parameters, AL, caches, grads, new_parameters):
    """Exit with status 1 if any array of the nnlib step is not float32."""
    arrays = {"AL": AL}
    for layer, cache in enumerate(caches, start=1):
        arrays.update(
            {
                f"cache{layer}.A_prev": cache.linear.A_prev,
                f"cache{layer}.W": cache.linear.W,
                f"cache{layer}.b": cache.linear.b,
                f"cache{layer}.Z": cache.Z,
            }
        )
    arrays.update(parameters)
    arrays.update(grads)
    arrays.update({f"new {name}": P for name, P in new_parameters.items()})
    wrong = {name: a.dtype for name, a in arrays.items() if a.dtype != DTYPE}
    if wrong:
        sys.exit(f"FAIL: the nnlib step left float32 for: {wrong}")
    print(f"  nnlib step dtypes             all {len(arrays)} arrays are float32")


def time_steps(steps, rounds):
    """Time several steps in ``rounds`` rounds of blocks, taking turns block by block.

    ``steps`` maps a name to ``(step, state, warmup, repeats)``: ``state = step(state)``
    runs ``warmup`` untimed times, then ``repeats`` timed times cut into ``rounds``
    blocks of consecutive steps; each round runs one block of every step in turn, so
    that load from other processes hits them alike, while each block still times
    back-to-back steps as in training. A block of several steps starts with one
    untimed step, which takes the cost of switching libraries (caches, the other
    library's threads). ``rounds=1`` times each step's repeats in one go.
    Returns ``{name: [seconds, ...]}``.
    """
    states = {name: state for name, (_, state, _, _) in steps.items()}
    for name, (step, _, warmup, _) in steps.items():
        for _ in range(warmup):
            states[name] = step(states[name])
    times = {name: [] for name in steps}
    for _ in range(rounds):
        for name, (step, _, _, repeats) in steps.items():
            block = -(-repeats // rounds)  # ceil
            count = min(block, repeats - len(times[name]))
            if count > 1:
                states[name] = step(states[name])
            for _ in range(count):
                start = time.perf_counter()
                states[name] = step(states[name])
                times[name].append(time.perf_counter() - start)
    return times


def traced_peak(step, state):
    """Bytes allocated at the peak of one ``step`` above what was live before it."""
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        before, _ = tracemalloc.get_traced_memory()
        step(state)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak - before


def max_rss_mib():
    """Peak resident set size of this process so far, in MiB."""
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / 2**20 if sys.platform == "darwin" else rss / 2**10  # bytes vs KiB


def verdict(met):
    return "target met" if met else "target missed"


# --------------------------------------------------------------------------- main


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    parser.add_argument("--batch", type=int, default=256, help="examples per step (m)")
    parser.add_argument("--repeats", type=int, default=50, help="timed steps for nnlib and PyTorch")
    parser.add_argument(
        "--loop-repeats", type=int, default=5, help="timed steps for the per-example loop"
    )
    parser.add_argument("--warmup", type=int, default=5, help="untimed steps before timing")
    parser.add_argument(
        "--threads",
        type=int,
        default=None,
        help="threads for NumPy's BLAS and PyTorch (default: PyTorch gets as many as "
        "NumPy's BLAS already uses)",
    )
    parser.add_argument(
        "--sequential",
        action="store_true",
        help="time all steps of one implementation, then the next (default: take turns "
        "in --loop-repeats blocks, which is fairer when other processes share the CPU)",
    )
    parser.add_argument("--lr", type=float, default=0.1, help="learning rate of the update")
    parser.add_argument("--seed", type=int, default=0, help="seed of the data and weights")
    parser.add_argument("--no-torch", action="store_true", help="skip PyTorch even if installed")
    parser.add_argument(
        "--breakdown",
        action="store_true",
        help="also time forward / backward / update separately",
    )
    args = parser.parse_args(argv)
    for name in ("batch", "repeats", "loop_repeats"):
        if getattr(args, name) < 1:
            parser.error(f"--{name.replace('_', '-')} must be at least 1")
    if args.warmup < 0:
        parser.error("--warmup must be at least 0")
    if args.threads is not None and args.threads < 1:
        parser.error("--threads must be at least 1")
    return args


def make_batch(m, seed):
    """An MNIST-shaped batch: pixels in [0, 1) as columns, one-hot labels."""
    rng = np.random.default_rng(seed)
    X = rng.random((LAYER_DIMS[0], m), dtype=DTYPE)
    labels = rng.integers(0, LAYER_DIMS[-1], size=m)
    Y = np.zeros((LAYER_DIMS[-1], m), dtype=DTYPE)
    Y[labels, np.arange(m)] = 1
    return X, Y, labels


def breakdown(X, Y, parameters, lr, model, X_rows, labels, repeats):
    """Median ms of each phase of one step, for nnlib and (if given) PyTorch."""
    phases = {"nnlib": {"forward": [], "backward": [], "update": []}}
    for _ in range(repeats):
        t0 = time.perf_counter()
        AL, caches = model_forward(X, parameters, **MODEL)
        t1 = time.perf_counter()
        grads = model_backward(AL, Y, caches)
        t2 = time.perf_counter()
        update_parameters(parameters, grads, lr)
        t3 = time.perf_counter()
        for phase, seconds in zip(phases["nnlib"], (t1 - t0, t2 - t1, t3 - t2), strict=True):
            phases["nnlib"][phase].append(seconds)
    if model is not None:
        phases["torch"] = {"forward": [], "backward": [], "update": []}
        for _ in range(repeats):
            t0 = time.perf_counter()
            loss = model.loss(X_rows, labels)
            t1 = time.perf_counter()
            loss.backward()
            t2 = time.perf_counter()
            # Same learning rate as the timed steps; the weights drift a little, harmlessly.
            model.update(lr)
            t3 = time.perf_counter()
            for phase, seconds in zip(phases["torch"], (t1 - t0, t2 - t1, t3 - t2), strict=True):
                phases["torch"][phase].append(seconds)
    print(f"\nBreakdown (median ms of {repeats} steps):")
    print(f"  {'':<8}{'forward':>10}{'backward':>10}{'update':>10}")
    for name, times in phases.items():
        row = "".join(f"{1e3 * statistics.median(t):>10.3f}" for t in times.values())
        print(f"  {name:<8}{row}")


def main(argv=None):
    args = parse_args(argv)
    m, lr = args.batch, args.lr
    torch, torch_status = load_torch(args.no_torch)
    limits = limit_blas_threads(args.threads) if args.threads else None
    blas, blas_threads = blas_info()
    if torch is not None:
        torch_threads = args.threads or blas_threads
        if torch_threads:
            torch.set_num_threads(torch_threads)

    X, Y, labels = make_batch(m, args.seed)
    parameters = initialize_parameters(LAYER_DIMS, method="he", seed=args.seed, dtype=DTYPE)
    n_params = sum(P.size for P in parameters.values())

    print(f"One training step of a {'-'.join(map(str, LAYER_DIMS))} ReLU/softmax network")
    print(f"  batch m = {m}, float32, {n_params:,} parameters, learning rate {lr}")
    print(f"  Python {platform.python_version()}, NumPy {np.__version__}, BLAS {blas}")
    print(f"  NumPy BLAS threads: {blas_threads if blas_threads else 'unknown'}")
    if torch is not None:
        print(f"  PyTorch: {torch_status}, threads: {torch.get_num_threads()}")
    else:
        print(f"  PyTorch: {torch_status}; optional: pip install torch==2.13.0")

    # ---- agreement on one batch, before anything is timed
    print("\nChecks (same batch, same initial weights):")
    AL, caches = model_forward(X, parameters, **MODEL)
    grads = model_backward(AL, Y, caches)
    new_parameters = update_parameters(parameters, grads, lr)
    check_float32(parameters, AL, caches, grads, new_parameters)
    names = sorted(grads)
    check_close("per-example loop vs nnlib", grads, loop_gradients(X, Y, parameters), names)
    model = X_rows = torch_labels = None
    if torch is not None:
        model = TorchModel(torch, parameters)
        X_rows = torch.from_numpy(np.ascontiguousarray(X.T))  # examples as rows
        torch_labels = torch.from_numpy(labels)
        loss = model.loss(X_rows, torch_labels)
        loss.backward()
        check_close("PyTorch vs nnlib", grads, model.grads(), names)
        cost = float(compute_cost(AL, Y, "softmax"))
        if not np.isclose(loss.item(), cost, rtol=RTOL):
            sys.exit(f"FAIL: PyTorch loss {loss.item():.6f} != nnlib cost {cost:.6f}")
        print(f"  {'loss':<28} agree ({cost:.6f})")
        model = TorchModel(torch, parameters)  # fresh weights and no gradients for timing

    # ---- timing: each step starts from the parameters the previous one produced
    loop_warmup = min(args.warmup, 1)
    steps = {
        "nnlib": (lambda P: nnlib_step(X, Y, P, lr)[0], parameters, args.warmup, args.repeats),
        "per-example loop": (
            lambda P: loop_step(X, Y, P, lr)[0],
            parameters,
            loop_warmup,
            args.loop_repeats,
        ),
    }
    if model is not None:

        def torch_step(state):
            model.step(X_rows, torch_labels, lr)
            return state

        steps["PyTorch (CPU)"] = (torch_step, None, args.warmup, args.repeats)
    # Take turns in as many rounds as the step with the fewest repeats (the loop) has.
    rounds = 1 if args.sequential else min(spec[3] for spec in steps.values())
    results = time_steps(steps, rounds)

    # ---- memory, measured outside the timed steps (tracemalloc slows NumPy down)
    memory = {
        "nnlib": traced_peak(lambda P: nnlib_step(X, Y, P, lr), parameters),
        "per-example loop": traced_peak(lambda P: loop_step(X, Y, P, lr), parameters),
        "PyTorch (CPU)": None,
    }

    # ---- report
    median = {name: 1e3 * statistics.median(t) for name, t in results.items()}
    print(
        f"\n{'implementation':<18}{'steps':>7}{'median ms':>12}{'min ms':>10}"
        f"{'max ms':>10}{'peak MiB':>10}"
    )
    print("-" * 67)
    for name, times in results.items():
        peak = memory[name]
        shown = f"{peak / 2**20:>10.2f}" if peak is not None else f"{'n/a':>10}"
        print(
            f"{name:<18}{len(times):>7}{median[name]:>12.3f}{1e3 * min(times):>10.3f}"
            f"{1e3 * max(times):>10.3f}{shown}"
        )
    print("-" * 67)
    print(
        "peak MiB: tracemalloc peak of one step above the memory live before it (NumPy\n"
        "allocations only; PyTorch's CPU allocator is invisible to tracemalloc).\n"
        f"Process peak RSS (getrusage ru_maxrss, everything incl. imports): "
        f"{max_rss_mib():.0f} MiB"
    )
    noisy = [name for name, times in results.items() if median[name] > NOISY * 1e3 * min(times)]
    if noisy:
        print(
            f"\nWARNING: noisy timings for {', '.join(noisy)} (median > {NOISY}x min): other\n"
            "processes are probably using the CPU. Re-run on a quiet machine; with fewer\n"
            "free cores than threads, --threads 1 gives steadier (but single-core) figures."
        )

    print("\nRatios of median step times:")
    if "PyTorch (CPU)" in median:
        ratio = median["nnlib"] / median["PyTorch (CPU)"]
        print(
            f"  nnlib / PyTorch = {ratio:6.3f}x  (target <= {TARGET_VS_TORCH}x)  "
            f"{verdict(ratio <= TARGET_VS_TORCH)}"
        )
    else:
        print(
            f"  nnlib / PyTorch =    n/a   (target <= {TARGET_VS_TORCH}x)  "
            f"not measured: PyTorch {torch_status}"
        )
    ratio = median["per-example loop"] / median["nnlib"]
    print(
        f"  loop / nnlib    = {ratio:6.1f}x   (target >= {TARGET_VS_LOOP:g}x)   "
        f"{verdict(ratio >= TARGET_VS_LOOP)}"
    )

    if args.breakdown:
        model = TorchModel(torch, parameters) if torch is not None else None
        breakdown(X, Y, parameters, lr, model, X_rows, torch_labels, args.repeats)

    if limits is not None:
        limits.restore_original_limits()
    return 0


if __name__ == "__main__":
    sys.exit(main())
