"""The timing helper the benchmark scripts share (they run as scripts, so this sits beside them)."""

import statistics
import time


def median_ms(fn, runs: int = 30) -> float:
    """Median wall time of `fn()` in milliseconds, after one warm-up call."""
    fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)
