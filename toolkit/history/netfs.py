"""Does a path lie on a network filesystem? (For refusing a SQLite database there.)

SQLite relies on the operating system's file locks, and those are unreliable or absent on network
filesystems: two controllers collecting into one database on a share can corrupt it, and WAL does not work
there at all. The history therefore refuses a SQLite database on a network filesystem (the caller words the
refusal; this module only detects). Detection is best effort: ``network_filesystem`` returns a short neutral
token naming what it found, or None when the path is local OR when it cannot tell.

Linux (and anything else with /proc): the mount table /proc/self/mountinfo (or /proc/mounts), the mount with
the longest mount point that contains the path (the last one mounted wins on equal mount points), and its
filesystem type, checked against ``NETWORK_FILESYSTEMS``. The path is resolved first (symbolic links; a
database file that does not exist yet is judged by its nearest existing parent), which also triggers an
automount, so the table then shows the real filesystem rather than ``autofs``.

Windows: a UNC path (``\\\\server\\share\\...``, also ``\\\\?\\UNC\\server\\share\\...``) is "unc"; a drive letter
is "remote-drive" when GetDriveTypeW says DRIVE_REMOTE (a mapped network drive). On a real Windows machine
the path is resolved first, which turns a mapped drive or a link to a share into its UNC path.

macOS and the BSDs: Python's ``os.statvfs`` does not tell the filesystem type (statfs(2)'s f_fstypename and
MNT_LOCAL are not exposed), so the output of ``mount`` is parsed instead (``//user@server/share on /Volumes/share
(smbfs, ...)``). That is tested with faked tables only, not on a Mac. Other platforms: None.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PureWindowsPath

# Filesystem types (as the mount table names them) that are network filesystems for our purpose: the
# file's locks are kept (or not) by another machine or another operating system.
NETWORK_FILESYSTEMS = frozenset({
    # SMB / CIFS: Windows shares and Samba (Linux kernel client, macOS and BSD clients, FUSE clients).
    "cifs", "smb3", "smbfs", "fuse.smbnetfs",
    # NFS.
    "nfs", "nfs4",
    # Other network and distributed filesystems.
    "afs", "ncpfs", "ncp", "coda", "ceph", "fuse.ceph", "fuse.ceph-fuse", "glusterfs", "fuse.glusterfs",
    "lustre", "gpfs", "beegfs", "orangefs", "pvfs2", "fuse.juicefs",
    # Filesystems over SSH, WebDAV, FTP and cloud storage through FUSE; GNOME's gvfs bridge (SMB, SFTP, ...).
    "sshfs", "fuse.sshfs", "davfs", "fuse.davfs2", "fuse.curlftpfs", "fuse.rclone", "fuse.s3fs",
    "fuse.gcsfuse", "fuse.gvfsd-fuse",
    # A folder of another operating system served to this one: WSL's Windows drives (9p in WSL 2, drvfs in
    # WSL 1; a Windows drive letter there may itself be a network share), and the shared folders of
    # VirtualBox and VMware. Locks taken on this side are not seen by programs on the other (the Excel
    # buttons run Windows' Python), and SQLite on them is known to fail; a local path inside the Linux
    # system or a database server is the safe choice. (virtiofs is not listed: it is a local shared-memory
    # transport whose locking is the host kernel's.)
    "9p", "drvfs", "vboxsf", "vmhgfs", "fuse.vmhgfs-fuse",
    # macOS: AppleShare and WebDAV.
    "afpfs", "webdav",
})

DRIVE_REMOTE = 4  # GetDriveTypeW: a network drive
UNC = "unc"
REMOTE_DRIVE = "remote-drive"


@dataclass(frozen=True)
class Mount:
    """One row of a mount table."""

    mount_point: str
    fstype: str
    source: str


def network_filesystem(path: str | os.PathLike[str], *, platform: str | None = None,
                       mountinfo: str | None = None,
                       drive_type: Callable[[str], int] | None = None) -> str | None:
    """A short token for the network filesystem ``path`` lies on ("cifs", "nfs4", "9p", "unc",
    "remote-drive", ...), or None when it is local or this cannot be told.

    ``platform`` defaults to ``sys.platform``. ``mountinfo`` replaces the system's mount table (Linux
    /proc/self/mountinfo or /proc/mounts format, or the output of ``mount`` on macOS and the BSDs).
    ``drive_type`` replaces GetDriveTypeW (it gets a drive root such as "Z:\\"). Tests use the three to
    simulate other machines; then a Windows path is only parsed, never resolved on this machine.
    """
    plat = platform or sys.platform
    if plat.startswith("win"):
        return _windows(os.fspath(path), real=sys.platform.startswith("win") and platform in (None, sys.platform),
                        drive_type=drive_type)
    resolved = _resolve_posix(os.fspath(path))
    if mountinfo is None:
        mountinfo = _system_mount_table(plat)
        if mountinfo is None:
            return None
    mount = find_mount(resolved, parse_mount_table(mountinfo))
    return _network_type(mount) if mount is not None else None


# --------------------------------------------------------------------------------------------
# POSIX: mount tables
# --------------------------------------------------------------------------------------------

def _resolve_posix(path: str) -> str:
    """The absolute path with symbolic links resolved; a tail that does not exist yet is kept as written."""
    current = os.path.abspath(path)
    tail: list[str] = []
    while not os.path.exists(current):
        parent = os.path.dirname(current)
        if parent == current:
            break
        tail.append(os.path.basename(current))
        current = parent
    return os.path.join(os.path.realpath(current), *reversed(tail))


def _system_mount_table(plat: str) -> str | None:
    for name in ("/proc/self/mountinfo", "/proc/mounts"):
        try:
            with open(name, encoding="utf-8", errors="surrogateescape") as fh:
                return fh.read()
        except OSError:
            continue
    if plat == "darwin" or "bsd" in plat or plat.startswith("dragonfly"):
        import shutil
        import subprocess

        mount = shutil.which("mount") or "/sbin/mount"
        try:
            proc = subprocess.run([mount], capture_output=True, text=True, timeout=10, check=False)
        except (OSError, subprocess.SubprocessError):
            return None
        return proc.stdout if proc.returncode == 0 else None
    return None


_OCTAL = re.compile(r"\\([0-7]{3})")
_BSD_LINE = re.compile(r"^(?P<source>.+?) on (?P<mount_point>/.*) \((?P<fstype>[^,()]+)(?:,[^()]*)?\)$")


def _unescape(field: str) -> str:
    """A mount table field with the kernel's octal escapes (\\040 space, \\011 tab, \\012 newline,
    \\134 backslash) decoded."""
    return _OCTAL.sub(lambda m: chr(int(m.group(1), 8)), field)


def parse_mount_table(text: str) -> list[Mount]:
    """The rows of a mount table, in the table's order. Each line may be in /proc/self/mountinfo format,
    /proc/mounts (fstab) format, or the ``source on mount_point (type, options)`` format of ``mount`` on
    macOS and the BSDs; lines in none of them are skipped."""
    mounts: list[Mount] = []
    for line in text.splitlines():
        fields = line.split()
        if not fields:
            continue
        if "-" in fields[6:] and fields[0].isdigit() and len(fields) >= 7:
            # mountinfo: id parent major:minor root mount_point options [optional...] - fstype source super
            sep = fields.index("-", 6)
            if len(fields) > sep + 2:
                mounts.append(Mount(_unescape(fields[4]), fields[sep + 1], _unescape(fields[sep + 2])))
            continue
        match = _BSD_LINE.match(line.strip())
        if match:
            mounts.append(Mount(match["mount_point"], match["fstype"].strip(), match["source"]))
            continue
        if len(fields) >= 3 and fields[1].startswith("/"):
            # /proc/mounts: source mount_point fstype options dump pass
            mounts.append(Mount(_unescape(fields[1]), fields[2], _unescape(fields[0])))
    return mounts


def find_mount(path: str, mounts: list[Mount]) -> Mount | None:
    """The mount ``path`` (absolute, resolved) lies on: the longest mount point containing it; on equal
    mount points the later row (mounted on top)."""
    best: Mount | None = None
    for mount in mounts:
        mp = mount.mount_point.rstrip("/") or "/"
        if mp == "/" or path == mp or path.startswith(mp + "/"):
            if best is None or len(mp) >= len(best.mount_point.rstrip("/") or "/"):
                best = mount
    return best


def _network_type(mount: Mount) -> str | None:
    fstype = mount.fstype.lower()
    if fstype in NETWORK_FILESYSTEMS:
        return fstype
    if fstype in ("fuse", "fuseblk"):
        # Older FUSE tables say only "fuse" and name the program in the source ("sshfs#user@host:/dir").
        program = mount.source.split("#", 1)[0].lower() if "#" in mount.source else ""
        for candidate in (program, f"fuse.{program}"):
            if program and candidate in NETWORK_FILESYSTEMS:
                return candidate
    return None


# --------------------------------------------------------------------------------------------
# Windows
# --------------------------------------------------------------------------------------------

_UNC_LONG = re.compile(r"^\\\\[?.]\\UNC\\", re.IGNORECASE)
_DEVICE_DRIVE = re.compile(r"^\\\\[?.]\\([A-Za-z]):")
_DEVICE = re.compile(r"^\\\\[?.]\\")
_UNC = re.compile(r"^\\\\[^\\]+\\")
_DRIVE = re.compile(r"^([A-Za-z]):")


def _windows(path: str, *, real: bool, drive_type: Callable[[str], int] | None) -> str | None:
    if real:
        try:
            path = os.path.realpath(path)
        except OSError:
            path = os.path.abspath(path)
    text = str(PureWindowsPath(path))  # forward slashes become backslashes
    if _UNC_LONG.match(text):
        return UNC
    letter = None
    match = _DEVICE_DRIVE.match(text)
    if match:
        letter = match.group(1)
    elif _DEVICE.match(text):
        return None  # a volume GUID path or a device: local
    elif _UNC.match(text):
        return UNC
    else:
        match = _DRIVE.match(text)
        letter = match.group(1) if match else None
    if letter is None:
        return None  # relative to an unknown drive
    if drive_type is None:
        if not real:
            return None
        drive_type = _get_drive_type
    try:
        kind = drive_type(f"{letter.upper()}:\\")
    except OSError:
        return None
    return REMOTE_DRIVE if kind == DRIVE_REMOTE else None


def _get_drive_type(root: str) -> int:  # pragma: no cover - Windows only
    import ctypes

    return int(ctypes.windll.kernel32.GetDriveTypeW(ctypes.c_wchar_p(root)))  # type: ignore[attr-defined]
