"""A backup archive that would unpack to far more than it could hold is refused before unpacking."""

import io
import tarfile

import pytest

from audit.backup import BackupError, verify


def test_a_tar_bomb_is_refused_at_its_first_member(tmp_path):
    path = tmp_path / "bomb.tar.gz"
    with tarfile.open(path, "w:gz", compresslevel=1) as archive:
        member = tarfile.TarInfo("database.sqlite3")
        member.size = 200 << 20

        class Zeros(io.RawIOBase):
            left = member.size

            def readable(self):
                return True

            def readinto(self, buffer):
                n = min(len(buffer), self.left)
                buffer[:n] = bytes(n)
                self.left -= n
                return n

        archive.addfile(member, io.BufferedReader(Zeros(), 1 << 20))
    assert path.stat().st_size < 2 << 20
    with pytest.raises(BackupError, match="bombe"):
        verify(path)
    assert not list(tmp_path.glob("**/database.sqlite3"))
