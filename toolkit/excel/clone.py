"""Fast save and clone, for writing many similar workbooks (openpyxl 3.1 mechanics, no words of its own).

- ``Skeleton``: a workbook frozen as bytes (pickle) and cloned per use, so that the openpyxl objects
  every copy shares are not constructed again;
- ``save_in_memory``: a workbook serialised in memory and written once, atomically;
- ``clone_indexed_list``: a copy of a style index list without hashing its items again.
"""

from __future__ import annotations

import io
import pickle
import zipfile
from collections import defaultdict
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.utils.bound_dictionary import BoundDictionary
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.worksheet.worksheet import Worksheet

from toolkit.excel.files import save_workbook, write_atomic_bytes

# A workbook's style index lists: every cell's style array points into these.
STYLE_LISTS = ("_fonts", "_fills", "_borders", "_alignments", "_protections", "_number_formats")


def clone_indexed_list(items: IndexedList) -> IndexedList:
    """A copy of an IndexedList without hashing its items again."""
    new: IndexedList[Any] = IndexedList()
    list.extend(new, items)
    new._dict = dict(items._dict)  # type: ignore[attr-defined]  # the list's index (not in the stubs)
    new.clean = items.clean
    return new


class Skeleton:
    """A workbook frozen as bytes, cloned with ``clone()`` (pickle: no openpyxl constructors run).

    Two openpyxl containers do not survive plain pickling and get their own reduction:
    - IndexedList: unpickled item by item through its ``append`` before the instance has its own index
      (it would write into the class-level one); pickled by value. The style index lists are passed by
      reference instead (persistent ids) and cloned without hashing their items again.
    - BoundDictionary (row and column dimensions): a defaultdict whose subclass constructor takes other
      arguments, so pickle loses its ``default_factory``; rebuilt with it.
    """

    def __init__(self, wb: Workbook) -> None:
        self.lists = {attr: getattr(wb, attr) for attr in STYLE_LISTS}
        buffer = io.BytesIO()
        _Pickler(buffer, {id(items): attr for attr, items in self.lists.items()}).dump(wb)
        self.data = buffer.getvalue()

    def clone(self) -> Workbook:
        workbook: Workbook = _Unpickler(io.BytesIO(self.data), self.lists).load()
        return workbook


class _Pickler(pickle.Pickler):
    def __init__(self, file: io.BytesIO, shared: dict[int, str]) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.shared = shared

    def persistent_id(self, obj: object) -> str | None:
        return self.shared.get(id(obj))

    def reducer_override(self, obj: object) -> Any:
        if type(obj) is IndexedList:
            return IndexedList, (list(obj),)
        if isinstance(obj, BoundDictionary):
            return _new_bound_dictionary, (type(obj), obj.default_factory), dict(obj.__dict__), None, \
                iter(obj.items())
        return NotImplemented


def _new_bound_dictionary(cls: type[BoundDictionary], factory: Any) -> BoundDictionary:
    obj = cls.__new__(cls)
    defaultdict.__init__(obj, factory)
    return obj


class _Unpickler(pickle.Unpickler):
    def __init__(self, file: io.BytesIO, lists: dict[str, IndexedList]) -> None:
        super().__init__(file)
        self.lists = lists

    def persistent_load(self, pid: str) -> IndexedList:
        return clone_indexed_list(self.lists[pid])


def save_in_memory(wb: Workbook, path: str | Path) -> Path:
    """Save atomically, serialising the worksheets in memory.

    openpyxl's own save writes every worksheet to a temporary file, copies it into the zip and deletes
    it: six file-system round trips per small workbook. The zip is built in memory here and written once
    with ``write_atomic_bytes``. Uses openpyxl's writer classes (openpyxl 3.1); if they are not as
    expected, falls back to ``save_workbook``.
    """
    try:
        from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
        from openpyxl.worksheet._writer import WorksheetWriter
        from openpyxl.writer.excel import ExcelWriter
    except ImportError:  # pragma: no cover - another openpyxl layout (third-party code, not ours)
        return save_workbook(wb, path)

    # ExcelWriter.write_worksheet with the worksheet's XML kept in memory; the attributes it sets are
    # openpyxl's private ones (not in the stubs).
    class MemoryWriter(ExcelWriter):
        def write_worksheet(self, ws: Worksheet) -> None:
            drawing = SpreadsheetDrawing()
            drawing.charts = ws._charts  # type: ignore[attr-defined]
            drawing.images = ws._images  # type: ignore[attr-defined]
            ws._drawing = drawing  # type: ignore[attr-defined]
            out = io.BytesIO()
            writer = WorksheetWriter(ws, out=out)
            writer.write()
            ws._rels = writer._rels  # type: ignore[attr-defined]
            self._archive.writestr(ws.path[1:], out.getvalue())  # type: ignore[attr-defined]
            self.manifest.append(ws)

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        MemoryWriter(wb, archive).write_data()
    return write_atomic_bytes(buffer.getvalue(), path)  # raises NplanError on a write failure
