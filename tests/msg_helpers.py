"""Outlook .msg files built in code for the tests: a minimal compound-file (CFB, version 3) writer and the
MS-OXMSG property streams on top of it. Enough for python-oxmsg (through olefile) to read sender, subject,
dates, recipients and attachments, including an Outlook item attached to another."""

from __future__ import annotations

import datetime as dt
import math
import struct
import zlib
from dataclasses import dataclass, field

SECTOR = 512
MINI_SECTOR = 64
MINI_CUTOFF = 4096
FREE, END, FATSECT, NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

PT_INT32, PT_TIME, PT_STRING, PT_BINARY, PT_OBJECT = 0x0003, 0x0040, 0x001F, 0x0102, 0x000D
TOP_HEADER, EMBEDDED_HEADER, CHILD_HEADER = 32, 24, 8


@dataclass
class _Entry:
    name: str
    kind: int  # 1 storage, 2 stream, 5 root
    data: bytes = b""
    kids: list[int] = field(default_factory=list)
    left: int = NOSTREAM
    right: int = NOSTREAM
    child: int = NOSTREAM
    start: int = END
    size: int = 0


def cfb(tree: dict[str, object]) -> bytes:
    """A compound file from a tree: {name: bytes (a stream) or dict (a storage)}."""
    entries: list[_Entry] = []

    def add(name: str, value: object, kind: int | None = None) -> int:
        index = len(entries)
        if isinstance(value, dict):
            entries.append(_Entry(name, kind or 1))
            entries[index].kids = [add(k, v) for k, v in value.items()]
        else:
            assert isinstance(value, bytes)
            entries.append(_Entry(name, 2, value))
        return index

    add("Root Entry", tree, 5)

    def sibling_tree(indexes: list[int]) -> int:  # a balanced binary search tree in CFB name order
        if not indexes:
            return NOSTREAM
        mid = len(indexes) // 2
        node = entries[indexes[mid]]
        node.left, node.right = sibling_tree(indexes[:mid]), sibling_tree(indexes[mid + 1:])
        return indexes[mid]

    for e in entries:
        if e.kind in (1, 5):
            e.child = sibling_tree(sorted(e.kids, key=lambda i: (len(entries[i].name), entries[i].name.upper())))

    mini = bytearray()
    mini_fat: list[int] = []
    big: list[_Entry] = []
    for e in entries:
        if e.kind != 2:
            continue
        e.size = len(e.data)
        if e.size == 0:
            continue
        if e.size < MINI_CUTOFF:
            n = math.ceil(e.size / MINI_SECTOR)
            e.start = len(mini_fat)
            mini_fat.extend(e.start + i + 1 if i < n - 1 else END for i in range(n))
            mini.extend(e.data.ljust(n * MINI_SECTOR, b"\0"))
        else:
            big.append(e)

    dir_sectors = math.ceil(len(entries) * 128 / SECTOR)
    mini_fat_sectors = math.ceil(len(mini_fat) * 4 / SECTOR)
    mini_sectors = math.ceil(len(mini) / SECTOR)
    big_sectors = sum(math.ceil(e.size / SECTOR) for e in big)
    others = dir_sectors + mini_fat_sectors + mini_sectors + big_sectors
    fat_sectors = 1
    while fat_sectors * (SECTOR // 4) < others + fat_sectors:
        fat_sectors += 1
    assert fat_sectors <= 109, "test files stay small: no DIFAT"
    fat = [FREE] * (fat_sectors * SECTOR // 4)
    for i in range(fat_sectors):
        fat[i] = FATSECT
    cursor = fat_sectors

    def chain(n: int) -> int:
        nonlocal cursor
        if n == 0:
            return END
        start = cursor
        for i in range(n):
            fat[start + i] = start + i + 1 if i < n - 1 else END
        cursor += n
        return start

    dir_start = chain(dir_sectors)
    mini_fat_start = chain(mini_fat_sectors)
    entries[0].start, entries[0].size = chain(mini_sectors), len(mini)
    for e in big:
        e.start = chain(math.ceil(e.size / SECTOR))

    def pad(data: bytes | bytearray, n: int) -> bytes:
        return bytes(data).ljust(n * SECTOR, b"\0")

    header = struct.pack("<8s16sHHHHH6sIIIIIIIII", MAGIC, b"\0" * 16, 0x3E, 3, 0xFFFE, 9, 6, b"\0" * 6, 0,
                         fat_sectors, dir_start, 0, MINI_CUTOFF, mini_fat_start, mini_fat_sectors, END, 0)
    header += struct.pack("<109I", *(list(range(fat_sectors)) + [FREE] * (109 - fat_sectors)))
    directory = bytearray()
    for e in entries:
        name = e.name.encode("utf-16-le")
        directory += struct.pack("<64sHBBIII16sIQQIQ", name, len(name) + 2, e.kind, 1, e.left, e.right, e.child,
                                 b"\0" * 16, 0, 0, 0, e.start, e.size)
    while len(directory) % SECTOR:
        directory += struct.pack("<64sHBBIII16sIQQIQ", b"", 0, 0, 0, NOSTREAM, NOSTREAM, NOSTREAM, b"\0" * 16,
                                 0, 0, 0, 0, 0)
    body = [pad(struct.pack(f"<{len(fat)}I", *fat), fat_sectors), bytes(directory),
            pad(struct.pack(f"<{len(mini_fat)}I", *mini_fat), mini_fat_sectors), pad(mini, mini_sectors)]
    body += [pad(e.data, math.ceil(e.size / SECTOR)) for e in big]
    return header + b"".join(body)


def filetime(value: dt.datetime) -> int:
    return int((value - dt.datetime(1601, 1, 1, tzinfo=dt.UTC)).total_seconds() * 10**7)


def properties(props: list[tuple[int, int, object]], header: int, counts: tuple[int, int] = (0, 0)
               ) -> dict[str, object]:
    """The streams of one MSG object: its __properties_version1.0 and a __substg1.0_ stream (or storage,
    for an embedded message) per variable-length property. ``counts`` are (recipients, attachments)."""
    if header == CHILD_HEADER:
        out = bytearray(8)
    else:
        out = bytearray(struct.pack("<8x4I", counts[0], counts[1], counts[0], counts[1]))
        out += b"\0" * (header - len(out))
    streams: dict[str, object] = {}
    for pid, ptype, value in props:
        tag = (pid << 16) | ptype
        if ptype == PT_INT32:
            assert isinstance(value, int)
            out += struct.pack("<IIi4x", tag, 6, value)
        elif ptype == PT_TIME:
            assert isinstance(value, dt.datetime)
            out += struct.pack("<IIQ", tag, 6, filetime(value))
        elif ptype == PT_OBJECT:
            assert isinstance(value, dict)
            out += struct.pack("<IIII", tag, 6, 0xFFFFFFFF, 0)
            streams[f"__substg1.0_{pid:04X}{ptype:04X}"] = value
        else:
            data = value.encode("utf-16-le") if isinstance(value, str) else value
            assert isinstance(data, bytes)
            out += struct.pack("<IIII", tag, 6, len(data) + (2 if ptype == PT_STRING else 0), 0)
            streams[f"__substg1.0_{pid:04X}{ptype:04X}"] = data
    return {"__properties_version1.0": bytes(out), **streams}


def message_storage(*, subject: str, sender_name: str, sender_address: str, sent: dt.datetime | None,
                    to: list[tuple[str, str]], attachments: list[dict[str, object]], header: int,
                    cc: list[tuple[str, str]] = ()) -> dict[str, object]:
    """The storages and streams of one message. An attachment is {"name", "data", "mime"} (attached by
    value) or {"name", "message": message_storage(...)} (an Outlook item attached to this one)."""
    props: list[tuple[int, int, object]] = [
        (0x001A, PT_STRING, "IPM.Note"), (0x0037, PT_STRING, subject), (0x0C1A, PT_STRING, sender_name),
        (0x5D01, PT_STRING, sender_address), (0x1035, PT_STRING, f"<{zlib.crc32(subject.encode())}@test.example>"),
    ]
    if sent is not None:
        props.append((0x0039, PT_TIME, sent))
        props.append((0x0E06, PT_TIME, sent + dt.timedelta(minutes=1)))
    tree = properties(props, header, (len(to) + len(cc), len(attachments)))
    for i, (kind, (name, address)) in enumerate([(1, r) for r in to] + [(2, r) for r in cc]):
        tree[f"__recip_version1.0_#{i:08X}"] = properties(
            [(0x3001, PT_STRING, name), (0x39FE, PT_STRING, address), (0x0C15, PT_INT32, kind)], CHILD_HEADER)
    for i, att in enumerate(attachments):
        if "message" in att:
            tree[f"__attach_version1.0_#{i:08X}"] = properties(
                [(0x3705, PT_INT32, 5), (0x3707, PT_STRING, str(att["name"])),
                 (0x3701, PT_OBJECT, att["message"])], CHILD_HEADER)
        else:
            tree[f"__attach_version1.0_#{i:08X}"] = properties(
                [(0x3705, PT_INT32, 1), (0x3707, PT_STRING, str(att["name"])), (0x3701, PT_BINARY, att["data"]),
                 (0x370E, PT_STRING, str(att.get("mime", "application/octet-stream")))], CHILD_HEADER)
    return tree


def msg_bytes(**kw: object) -> bytes:
    """A whole .msg file (see ``message_storage`` for the arguments)."""
    return cfb(message_storage(header=TOP_HEADER, **kw))  # type: ignore[arg-type]
