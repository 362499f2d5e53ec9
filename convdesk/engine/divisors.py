"""The divisors of a whole number up to 2^64, found by factoring it (no loop up to the number).

Small factors by trial division, the rest by Pollard's rho with Brent's cycle search and a
Miller-Rabin test whose bases are exact below 3.3·10^24. A number below 2^64 has at most 103,680
divisors, so listing them is bounded too.
"""

from __future__ import annotations

from math import gcd

_SMALL_PRIMES = (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41)


def _is_prime(n: int) -> bool:
    if n < 2:
        return False
    for p in _SMALL_PRIMES:
        if n % p == 0:
            return n == p
    d, r = n - 1, 0
    while d % 2 == 0:
        d, r = d // 2, r + 1
    for a in _SMALL_PRIMES:
        x = pow(a, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(r - 1):
            x = x * x % n
            if x == n - 1:
                break
        else:
            return False
    return True


def _rho(n: int) -> int:
    """A non-trivial factor of an odd composite n (Brent's variant of Pollard's rho)."""
    for c in range(1, 64):
        y, m, g, r, q = 2, 128, 1, 1, 1
        x = ys = y
        while g == 1:
            x = y
            for _ in range(r):
                y = (y * y + c) % n
            k = 0
            while k < r and g == 1:
                ys = y
                for _ in range(min(m, r - k)):
                    y = (y * y + c) % n
                    q = q * abs(x - y) % n
                g = gcd(q, n)
                k += m
            r *= 2
        if g == n:
            g = 1
            while g == 1:
                ys = (ys * ys + c) % n
                g = gcd(abs(x - ys), n)
        if g != n:
            return g
    raise ArithmeticError(f"no factor of {n} found")  # for a composite n, c = 1 already works


def prime_factors(n: int) -> dict[int, int]:
    """The prime factorisation of n ≥ 1 as {prime: exponent}."""
    factors: dict[int, int] = {}
    for p in range(2, 1000):
        while n % p == 0:
            factors[p] = factors.get(p, 0) + 1
            n //= p
    pending = [n] if n > 1 else []
    while pending:
        m = pending.pop()
        if _is_prime(m):
            factors[m] = factors.get(m, 0) + 1
        else:
            f = _rho(m)
            pending += [f, m // f]
    return factors


def divisors(n: int) -> list[int]:
    """Every divisor of n ≥ 1, smallest first."""
    found = [1]
    for p, e in prime_factors(n).items():
        found = [d * p**k for d in found for k in range(e + 1)]
    return sorted(found)
