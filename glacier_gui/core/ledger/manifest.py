"""Manifests (what a unit holds in the bucket) and upload journals (what a run has sent so far).

A *manifest* lists every file of a unit that is safely in S3: relative path, size, mtime, SHA-256 and where
the bytes live (the object key; packed files also name a tar volume and offset).  It is JSON, stored in the
bucket in STANDARD class (readable without a restore) and kept locally in ``<data>/manifests/``.

A *journal* is the local, append-only record of one unit's upload in progress: each line is a finished file
or a started multipart upload.  A run killed at any instant leaves at worst a half-written last line, which
is ignored; the next run reads the journal and the bucket listing and sends only what is missing.
"""

from __future__ import annotations

import hashlib
import json
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from glacier_gui.core.atomic import atomic_write, open_private

MANIFEST_FORMAT = "glacier_gui-manifest"
MANIFEST_VERSION = 1


@dataclass
class ManifestFile:
    path: str  # relative to the unit, "/" and NFC
    size: int
    mtime: float
    sha256: str  # hex of the whole file
    key: str  # the object that holds the bytes
    storage_class: str = ""
    s3_checksum: str = ""  # what S3 returned: base64 SHA-256, or "<b64>-<parts>" for multipart
    volume: str = ""  # set for packed files: the tar volume's key (== key)
    offset: int = -1  # packed files: offset of the member's data inside the volume
    uploaded: str = ""  # UTC time of the upload, ISO 8601 (core/clock.py)
    taken: str = ""  # photos: EXIF date taken, ISO 8601 (core/thumbs/render.py), when the thumbnail was made
    camera: str = ""  # photos: EXIF camera model

    def to_dict(self) -> dict[str, Any]:
        """The fields as a dict (all are plain values: a shallow copy is ``asdict`` at a fraction of its cost)."""
        return dict(vars(self))


@dataclass
class Manifest:
    root_name: str
    unit: str
    bucket: str
    prefix: str
    files: dict[str, ManifestFile] = field(default_factory=dict)
    updated: str = ""

    def to_json(self) -> bytes:
        """Indented header, then one line per file (readable, and the C encoder does the files: fast at 10^4)."""
        head = json.dumps(
            {
                "format": MANIFEST_FORMAT,
                "version": MANIFEST_VERSION,
                "root_name": self.root_name,
                "unit": self.unit,
                "bucket": self.bucket,
                "prefix": self.prefix,
                "updated": self.updated,
                "files": [],
            },
            ensure_ascii=False,
            indent=1,
        )
        files = ",\n".join(
            "  " + json.dumps(f.to_dict(), ensure_ascii=False)
            for f in sorted(self.files.values(), key=lambda f: f.path)
        )
        text = head[: -len("[]\n}")] + ("[\n" + files + "\n]\n}" if files else "[]\n}")
        return text.encode("utf-8")

    @classmethod
    def from_json(cls, data: bytes | str) -> Manifest:
        body = json.loads(data)
        if body.get("format") != MANIFEST_FORMAT:
            raise ValueError("not a glacier_gui manifest")
        files = {f["path"]: ManifestFile(**f) for f in body.get("files", [])}
        return cls(
            body["root_name"], body["unit"], body["bucket"], body.get("prefix", ""), files, body.get("updated", "")
        )

    @property
    def total_size(self) -> int:
        return sum(f.size for f in self.files.values())


def _safe_name(bucket: str, prefix: str, root_name: str, unit: str) -> str:
    digest = hashlib.sha1(f"{bucket}\0{prefix}\0{root_name}\0{unit}".encode()).hexdigest()[:16]
    readable = "".join(c if c.isalnum() else "_" for c in unit)[-40:]
    return f"{readable}-{digest}"


def local_manifest_path(data_dir: Path, bucket: str, prefix: str, root_name: str, unit: str) -> Path:
    return data_dir / "manifests" / f"{_safe_name(bucket, prefix, root_name, unit)}.json"


def load_local_manifest(path: Path) -> Manifest | None:
    try:
        return Manifest.from_json(path.read_bytes())
    except FileNotFoundError:
        return None
    except (ValueError, KeyError, TypeError):
        return None


def save_local_manifest(path: Path, manifest: Manifest, data: bytes | None = None) -> None:
    """Write *manifest* atomically (*data*: its ``to_json()`` when the caller has it already)."""
    atomic_write(path, manifest.to_json() if data is None else data)


class Journal:
    """Append-only JSON lines for one unit's upload.  Thread-safe; one line per finished file or started MPU."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._fh: Any = None

    @classmethod
    def for_unit(cls, data_dir: Path, bucket: str, prefix: str, root_name: str, unit: str) -> Journal:
        return cls(data_dir / "journal" / f"{_safe_name(bucket, prefix, root_name, unit)}.jsonl")

    def read(self) -> tuple[dict[str, ManifestFile], dict[str, dict[str, Any]]]:
        """Finished files and open multipart uploads (by path); a torn last line is ignored."""
        files: dict[str, ManifestFile] = {}
        uploads: dict[str, dict[str, Any]] = {}
        try:
            lines = self.path.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return files, uploads
        for line in lines:
            try:
                entry = json.loads(line)
            except ValueError:
                continue
            kind = entry.pop("t", "")
            if kind == "file":
                files[entry["path"]] = ManifestFile(**entry)
                uploads.pop(entry["path"], None)
            elif kind == "mpu":
                uploads[entry["path"]] = entry
        return files, uploads

    def _append(self, entry: dict[str, Any]) -> None:
        line = json.dumps(entry, ensure_ascii=False) + "\n"
        with self._lock:
            if self._fh is None:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._fh = open_private(self.path, "a", encoding="utf-8")  # kept open for the run
            self._fh.write(line)
            self._fh.flush()  # a killed process loses nothing the OS has; power loss falls back to HEAD

    def file_done(self, f: ManifestFile) -> None:
        self._append({"t": "file", **f.to_dict()})

    def multipart_started(self, path: str, size: int, mtime: float, key: str, upload_id: str, part_size: int) -> None:
        self._append(
            {
                "t": "mpu",
                "path": path,
                "size": size,
                "mtime": mtime,
                "key": key,
                "upload_id": upload_id,
                "part_size": part_size,
            }
        )

    @staticmethod
    def open_upload_ids(data_dir: Path) -> set[str]:
        """Ids of the multipart uploads the journals in *data_dir* still own (started, not finished nor replaced):
        the next run resumes them; any other open upload under the album's prefixes is nobody's."""
        owned: set[str] = set()
        folder = data_dir / "journal"
        if not folder.is_dir():
            return owned
        for path in folder.glob("*.jsonl"):
            owned.update(str(u.get("upload_id", "")) for u in Journal(path).read()[1].values())
        return owned

    def close(self) -> None:
        with self._lock:
            if self._fh is not None:
                self._fh.close()
                self._fh = None

    def remove(self) -> None:
        self.close()
        self.path.unlink(missing_ok=True)
