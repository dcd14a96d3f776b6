"""Network filesystem detection with faked mount tables and a faked Windows."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from toolkit.history.netfs import (
    NETWORK_FILESYSTEMS,
    REMOTE_DRIVE,
    UNC,
    Mount,
    find_mount,
    network_filesystem,
    parse_mount_table,
)


def esc(path: str | Path) -> str:
    """A path as the kernel writes it in a mount table."""
    return str(path).replace("\\", "\\134").replace(" ", "\\040").replace("\t", "\\011")


def mountinfo(*rows: tuple[str | Path, str, str]) -> str:
    """A /proc/self/mountinfo text: the root ext4 first, then (mount point, fstype, source) rows."""
    lines = ["1 0 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw"]
    for i, (mp, fstype, source) in enumerate(rows, start=2):
        lines.append(f"{i} 1 0:{40 + i} / {esc(mp)} rw,relatime shared:{i} - {fstype} {esc(source)} rw,vers=3.1.1")
    return "\n".join(lines) + "\n"


@pytest.fixture()
def base(tmp_path: Path) -> Path:
    """tmp_path with symbolic links resolved (the detector compares resolved paths)."""
    return Path(os.path.realpath(tmp_path))


def linux(path: str | Path, table: str) -> str | None:
    return network_filesystem(path, platform="linux", mountinfo=table)


def test_cifs_share(base: Path) -> None:
    share = base / "share"
    (share / "nplan").mkdir(parents=True)
    table = mountinfo((share, "cifs", "//fileserver/ekonomi"))
    assert linux(share / "nplan" / "history.sqlite", table) == "cifs"
    assert linux(share, table) == "cifs"


def test_nfs4_not_yet_existing_file(base: Path) -> None:
    # Neither the folder nor the database exists yet: judged by the nearest existing parent.
    table = mountinfo((base / "nfs", "nfs4", "filer:/export/plan"))
    assert linux(base / "nfs" / "new" / "deeper" / "history.sqlite", table) == "nfs4"


def test_local_sibling_of_a_share(base: Path) -> None:
    # "share2" is a local ext4 mount next to the share; "share-local" only starts with the share's name.
    table = mountinfo((base / "share", "cifs", "//srv/a"), (base / "share2", "ext4", "/dev/sdb1"))
    assert linux(base / "share2" / "history.sqlite", table) is None
    assert linux(base / "share-local" / "history.sqlite", table) is None
    assert linux(base / "history.sqlite", table) is None


def test_nested_mounts(base: Path) -> None:
    # A local disk mounted inside a share, and a share inside that local disk: the deepest mount decides.
    table = mountinfo((base / "net", "nfs", "filer:/x"), (base / "net" / "local", "xfs", "/dev/sdc1"),
                      (base / "net" / "local" / "smb", "smb3", "//srv/y"))
    assert linux(base / "net" / "a.sqlite", table) == "nfs"
    assert linux(base / "net" / "local" / "a.sqlite", table) is None
    assert linux(base / "net" / "local" / "smb" / "a.sqlite", table) == "smb3"


def test_later_mount_on_the_same_point_wins(base: Path) -> None:
    table = mountinfo((base / "m", "cifs", "//srv/old"), (base / "m", "tmpfs", "tmpfs"))
    assert linux(base / "m" / "a.sqlite", table) is None
    table = mountinfo((base / "m", "tmpfs", "tmpfs"), (base / "m", "cifs", "//srv/new"))
    assert linux(base / "m" / "a.sqlite", table) == "cifs"


def test_escaped_spaces_in_mount_points(base: Path) -> None:
    share = base / "Gemensam yta" / "Nämnd plan"
    share.mkdir(parents=True)
    table = mountinfo((share, "cifs", "//srv/Gemensam yta"))
    assert "\\040" in table
    assert linux(share / "history.sqlite", table) == "cifs"
    assert linux(base / "Gemensam yta" / "history.sqlite", table) is None


def test_symbolic_link_into_a_share(base: Path) -> None:
    share = base / "share"
    share.mkdir()
    (base / "link").symlink_to(share)
    table = mountinfo((share, "nfs", "filer:/x"))
    assert linux(base / "link" / "history.sqlite", table) == "nfs"


def test_relative_path(base: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (base / "share").mkdir()
    monkeypatch.chdir(base / "share")
    table = mountinfo((base / "share", "cifs", "//srv/a"))
    assert linux("history.sqlite", table) == "cifs"


@pytest.mark.parametrize("fstype", ["9p", "fuse.sshfs", "fuse.rclone", "davfs", "glusterfs", "ceph", "afs"])
def test_other_network_types(base: Path, fstype: str) -> None:
    assert linux(base / "m" / "a.sqlite", mountinfo((base / "m", fstype, "somewhere"))) == fstype


@pytest.mark.parametrize("fstype", ["ext4", "xfs", "btrfs", "tmpfs", "overlay", "zfs", "virtiofs", "fuseblk"])
def test_local_types(base: Path, fstype: str) -> None:
    assert linux(base / "m" / "a.sqlite", mountinfo((base / "m", fstype, "/dev/x"))) is None


def test_old_style_fuse_names_the_program_in_the_source(base: Path) -> None:
    table = mountinfo((base / "m", "fuse", "sshfs#anna@server:/home/anna"))
    assert linux(base / "m" / "a.sqlite", table) == "sshfs"


def test_proc_mounts_format(base: Path) -> None:
    table = (f"/dev/sda1 / ext4 rw,relatime 0 0\n"
             f"//srv/Gemensam\\040yta {esc(base / 'g y')} cifs rw,vers=3.0 0 0\n"
             f"filer:/x {esc(base / 'n')} nfs4 rw 0 0\n")
    assert linux(base / "g y" / "a.sqlite", table) == "cifs"
    assert linux(base / "n" / "a.sqlite", table) == "nfs4"
    assert linux(base / "a.sqlite", table) is None


def test_mac_mount_output() -> None:
    table = ("/dev/disk3s1s1 on / (apfs, sealed, local, read-only, journaled)\n"
             "/dev/disk3s5 on /System/Volumes/Data (apfs, local, journaled, nobrowse)\n"
             "map auto_home on /System/Volumes/Data/home (autofs, automounted, nobrowse)\n"
             "//anna@fileserver/Ekonomi on /Volumes/Ekonomi (smbfs, nodev, nosuid, mounted by anna)\n"
             "filer:/export on /Volumes/NFS share (nfs, nodev, nosuid)\n")
    mounts = parse_mount_table(table)
    assert Mount("/Volumes/NFS share", "nfs", "filer:/export") in mounts
    assert network_filesystem("/Volumes/Ekonomi/nplan/history.sqlite", platform="darwin", mountinfo=table) == "smbfs"
    assert network_filesystem("/Volumes/NFS share/h.sqlite", platform="darwin", mountinfo=table) == "nfs"
    assert network_filesystem("/Users/anna/h.sqlite", platform="darwin", mountinfo=table) is None


def test_unreadable_lines_are_skipped() -> None:
    assert parse_mount_table("garbage\n\n1 2 3\n") == []
    assert find_mount("/a", []) is None


def test_this_machine_does_not_crash(tmp_path: Path) -> None:
    # Whatever this machine's tables say, the call answers (the test folder is normally local).
    result = network_filesystem(tmp_path / "history.sqlite")
    assert result is None or result in NETWORK_FILESYSTEMS


# ---- Windows, simulated ----

def drives(remote: str = "Z") -> dict[str, int]:
    return {"C:\\": 3, f"{remote}:\\": 4, "E:\\": 2}


def windows(path: str, table: dict[str, int] | None = None) -> str | None:
    def drive_type(root: str) -> int:
        return (table or drives()).get(root, 1)

    return network_filesystem(path, platform="win32", drive_type=drive_type)


@pytest.mark.parametrize("path", [r"\\fileserver\ekonomi\nplan\history.sqlite", "//fileserver/ekonomi/h.sqlite",
                                  r"\\?\UNC\fileserver\ekonomi\h.sqlite", r"\\.\UNC\fileserver\ekonomi\h.sqlite",
                                  r"\\localhost\c$\nplan\h.sqlite", r"\\wsl$\Ubuntu\home\anna\h.sqlite"])
def test_unc_paths(path: str) -> None:
    assert windows(path) == UNC


def test_mapped_network_drive() -> None:
    assert windows(r"Z:\nplan\history.sqlite") == REMOTE_DRIVE
    assert windows(r"z:/nplan/history.sqlite") == REMOTE_DRIVE
    assert windows(r"\\?\Z:\nplan\history.sqlite") == REMOTE_DRIVE


def test_local_drives() -> None:
    assert windows(r"C:\Users\anna\nplan\history.sqlite") is None
    assert windows(r"E:\history.sqlite") is None  # removable
    assert windows(r"Q:\history.sqlite") is None  # no such drive
    assert windows(r"\\?\Volume{6f1c0d2a-0000-0000-0000-100000000000}\h.sqlite") is None
    assert windows(r"nplan\history.sqlite") is None  # relative: no drive to ask about


def test_simulated_windows_without_drive_type_cannot_tell() -> None:
    # On a machine that is not Windows there is no GetDriveTypeW to ask.
    if os.name != "nt":
        assert network_filesystem(r"Z:\h.sqlite", platform="win32") is None
    assert network_filesystem(r"\\srv\share\h.sqlite", platform="win32") == UNC
