"""The one place numbers are written: counts, shapes, bytes, and one mark for what is missing."""

import pytest

from convdesk.engine import numbers


@pytest.mark.parametrize(
    "write",
    [numbers.count, numbers.short, numbers.size_bytes, numbers.shape_list, numbers.shape_by],
)
def test_every_writer_marks_a_missing_value_the_same_way(write):
    assert write(None) == numbers.MISSING == "unknown"


def test_the_articles_numbers():
    assert numbers.count(34_944) == "34,944"
    assert numbers.short(105_415_200) == "105.4 M"
    assert numbers.short(999) == "999"
    assert numbers.size_bytes(96 * 55 * 55 * 4) == "1.11 MiB"  # 1,161,600 / 2**20
    assert numbers.size_bytes(1023) == "1023 bytes"
    assert numbers.shape_list((96, 55, 55)) == "[96, 55, 55]"
    assert numbers.shape_by((96, 55, 55)) == "96 × 55 × 55"
    assert numbers.plain(1_000_000) == "1,000,000"
    assert numbers.plain(0.5) == "0.5"
