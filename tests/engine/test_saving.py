"""Saves that respect the file: links, hard links, read-only files, permissions, killed saves."""

import os
import signal
import stat
import subprocess
import sys
import textwrap
import time

import pytest

from convdesk.engine import (
    Layer,
    Network,
    NetworkFileError,
    ReadOnlyFileError,
    load_network,
    save_network,
)

NET = Network([3, 8, 8], [Layer("Conv2d", "conv", {"out_channels": 4, "kernel_size": 3})], "n")


def other() -> Network:
    network = NET.copy()
    network.name = "changed"
    return network


def test_saving_through_a_symbolic_link_writes_its_target_and_keeps_the_link(tmp_path):
    real = tmp_path / "real.convdesk"
    save_network(NET, real)
    link = tmp_path / "link.convdesk"
    link.symlink_to(real)
    save_network(other(), link)
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert load_network(real).name == "changed"
    assert sorted(os.listdir(tmp_path)) == ["link.convdesk", "real.convdesk"]


def test_saving_through_a_chain_of_links_and_a_dangling_link(tmp_path):
    real = tmp_path / "sub" / "real.convdesk"
    real.parent.mkdir()
    (tmp_path / "a").symlink_to(real)
    (tmp_path / "b").symlink_to(tmp_path / "a")
    save_network(NET, tmp_path / "b")  # the target does not exist yet: it is created
    assert (tmp_path / "b").is_symlink() and load_network(real).name == "n"


def test_hard_links_are_not_split(tmp_path):
    first = tmp_path / "first.convdesk"
    save_network(NET, first)
    second = tmp_path / "second.convdesk"
    os.link(first, second)
    inode = first.stat().st_ino
    save_network(other(), first)
    assert first.stat().st_ino == inode and first.stat().st_nlink == 2
    assert load_network(second).name == "changed"
    save_network(NET, second)  # a shorter text: nothing of the longer one stays behind
    assert load_network(first).name == "n"
    assert sorted(os.listdir(tmp_path)) == ["first.convdesk", "second.convdesk"]


def test_a_read_only_file_is_replaced_only_when_asked_and_stays_read_only(tmp_path):
    path = tmp_path / "locked.convdesk"
    save_network(NET, path)
    path.chmod(0o444)
    with pytest.raises(ReadOnlyFileError, match="read-only"):
        save_network(other(), path)
    assert load_network(path).name == "n"
    save_network(other(), path, replace_read_only=True)
    assert load_network(path).name == "changed"
    assert stat.S_IMODE(path.stat().st_mode) == 0o444


def test_permissions_are_kept_and_new_files_are_rw_r_r(tmp_path):
    path = tmp_path / "n.convdesk"
    save_network(NET, path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    path.chmod(0o600)
    save_network(other(), path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_name_that_cannot_be_encoded_is_a_clean_error_and_leaves_nothing(tmp_path):
    network = Network([3], [Layer("ReLU", "bad\ud800")])
    with pytest.raises(NetworkFileError, match="unpaired surrogate"):
        save_network(network, tmp_path / "n.convdesk")
    assert os.listdir(tmp_path) == []


def test_a_killed_saves_leftover_is_removed_at_the_next_save_into_the_folder(tmp_path):
    # A child process starts a save and is killed inside it, after its temporary file exists.
    script = textwrap.dedent(
        f"""
        import os, signal
        from convdesk.engine import fileio
        from convdesk.engine import Layer, Network
        def die(*args):
            os.kill(os.getpid(), signal.SIGKILL)
        fileio.os.fsync = die
        fileio.save_network(Network([3], [Layer("ReLU", "r")]), {str(tmp_path / "a.convdesk")!r})
        """
    )
    child = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60)
    assert child.returncode == -signal.SIGKILL
    leftovers = [name for name in os.listdir(tmp_path) if name.endswith(".convdesk-save")]
    assert len(leftovers) == 1
    unrelated = tmp_path / ".notes.tmp"
    unrelated.write_text("someone else's")
    save_network(NET, tmp_path / "b.convdesk")
    assert sorted(os.listdir(tmp_path)) == [".notes.tmp", "b.convdesk"]


def test_a_running_saves_temporary_file_is_left_alone(tmp_path):
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        busy = tmp_path / f".a.convdesk.{sleeper.pid}.abcd1234.convdesk-save"
        busy.write_text("half")
        save_network(NET, tmp_path / "b.convdesk")
        assert busy.exists()
    finally:
        sleeper.kill()
        sleeper.wait()


def test_a_file_name_of_the_longest_length_allowed_can_be_saved(tmp_path):
    path = tmp_path / ("n" * 246 + ".convdesk")  # 255 bytes, the usual limit for one name
    save_network(NET, path)
    assert load_network(path).name == "n" and os.listdir(tmp_path) == [path.name]


def test_an_older_convdesks_hour_old_leftovers_are_removed_and_recent_ones_kept(tmp_path):
    old = tmp_path / ".a.convdesk.k3j_9xq2.tmp"
    recent = tmp_path / ".b.convdesk.ab12cd34.tmp"
    for leftover in (old, recent):
        leftover.write_text("half a file")
    os.utime(old, (time.time() - 7200, time.time() - 7200))
    save_network(NET, tmp_path / "c.convdesk")
    assert sorted(os.listdir(tmp_path)) == [recent.name, "c.convdesk"]
