"""A value is read once within a request, afresh outside one and after a write forgets it."""

from accounts.per_request import PerRequest


def test_a_value_is_read_once_within_and_every_time_outside():
    memo, reads = PerRequest("test_memo"), []

    def read():
        reads.append(1)
        return len(reads)

    assert [memo.get("k", read), memo.get("k", read)] == [1, 2]
    with memo.within():
        assert [memo.get("k", read), memo.get("k", read)] == [3, 3]
        memo.forget()
        assert memo.get("k", read) == 4
    assert memo.get("k", read) == 5
