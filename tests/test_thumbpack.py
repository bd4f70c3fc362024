"""Thumbnail packs: build, read the index (whole pack or its head), read one thumbnail, extract, refuse bad names."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import tarfile
import unicodedata
from pathlib import Path

import pytest

Image = pytest.importorskip("PIL.Image")

from glacier_gui.core.thumbs import pack as thumbpack  # noqa: E402
from glacier_gui.core.thumbs.pack import (  # noqa: E402
    INDEX_NAME,
    PackError,
    PackIncomplete,
    build_pack,
    extract_pack,
    read_index,
    read_thumbnail,
    write_pack,
)
from glacier_gui.core.thumbs.render import Thumb, ThumbKind, make_thumbnail, placeholder  # noqa: E402

MTIME = 1_654_045_200.5  # 2022-06-01


def photo(colour: tuple[int, int, int], size: tuple[int, int] = (640, 480)) -> Thumb:
    out = io.BytesIO()
    tags = Image.Exif()
    tags[0x0110] = "Canon EOS R6"
    tags.get_ifd(0x8769)[0x9003] = "2022:06:01 09:30:00"
    Image.new("RGB", size, colour).save(out, "JPEG", exif=tags)
    return make_thumbnail(out.getvalue(), "x.jpg")


ALBUM = {
    "2022/0601_運動会/リレー.jpg": photo((200, 30, 30)),
    "2022/0601_運動会/sub/IMG_0001.HEIC": photo((30, 200, 30), (480, 640)),
    "2022/0601_運動会/玉入れ.mp4": placeholder(ThumbKind.VIDEO, "玉入れ.mp4", 123_456_789),
    "2022/0601_運動会/壊れた.jpg": make_thumbnail(b"not a photo", "壊れた.jpg"),
}


def items() -> list[tuple[str, Thumb, int, float]]:
    return [(rel, thumb, 1000 + i, MTIME + i) for i, (rel, thumb) in enumerate(ALBUM.items())]


def test_round_trip_build_index_read_one_extract_all(tmp_path: Path) -> None:
    pack = build_pack(items())
    with tarfile.open(fileobj=io.BytesIO(pack)) as tar:  # a standard tar: the index first, then a JPEG per photo
        names = tar.getnames()
        assert names[0] == INDEX_NAME
        assert sorted(names[1:]) == sorted(rel + ".jpg" for rel in ALBUM)
        for rel, thumb in ALBUM.items():
            member = tar.extractfile(rel + ".jpg")
            assert member is not None and member.read() == thumb.jpeg
        index_member = tar.extractfile(INDEX_NAME)
        assert index_member is not None and json.loads(index_member.read())["count"] == len(ALBUM)

    index = read_index(pack)
    assert set(index.entries) == set(ALBUM) and not index.refused
    entry = index.get("2022/0601_運動会/リレー.jpg")
    assert entry is not None
    assert entry.member == "2022/0601_運動会/リレー.jpg.jpg"
    assert (entry.size, entry.mtime, entry.kind) == (1000, MTIME, "photo")
    assert (entry.taken, entry.camera, entry.width, entry.height) == ("2022-06-01T09:30:00", "Canon EOS R6", 640, 480)
    assert pack[entry.offset : entry.offset + entry.length] == ALBUM["2022/0601_運動会/リレー.jpg"].jpeg
    assert index.get("2022/0601_運動会/玉入れ.mp4").kind == "video"  # type: ignore[union-attr]
    assert index.get("2022/0601_運動会/壊れた.jpg").kind == "placeholder"  # type: ignore[union-attr]

    for rel, thumb in ALBUM.items():
        assert read_thumbnail(pack, rel) == thumb.jpeg
        assert read_thumbnail(pack, rel, index) == thumb.jpeg
    assert read_thumbnail(pack, "2022/0601_運動会/missing.jpg") is None

    report = extract_pack(pack, tmp_path / "out")
    assert not report.refused and len(report.written) == len(ALBUM)
    for i, (rel, thumb) in enumerate(ALBUM.items()):
        target = tmp_path / "out" / (rel + ".jpg")
        assert target.read_bytes() == thumb.jpeg
        assert target.stat().st_mtime == pytest.approx(MTIME + i)


def test_keys_are_nfc_whatever_the_input(tmp_path: Path) -> None:
    nfd = unicodedata.normalize("NFD", "2022/0601_運動会/ガーデン.jpg")
    assert nfd != unicodedata.normalize("NFC", nfd)
    pack = build_pack([(nfd, ALBUM["2022/0601_運動会/リレー.jpg"], 1, MTIME)])
    index = read_index(pack)
    assert list(index.entries) == ["2022/0601_運動会/ガーデン.jpg"]  # NFC
    assert index.get(nfd) is not None and read_thumbnail(pack, nfd) is not None
    with tarfile.open(fileobj=io.BytesIO(pack)) as tar:
        assert tar.getnames()[1] == "2022/0601_運動会/ガーデン.jpg.jpg"
    # The same photo in both forms (NFD from a Mac, NFC from Windows) is one entry.
    nfc = unicodedata.normalize("NFC", nfd)
    assert len(read_index(build_pack([(nfd, photo((1, 2, 3)), 1, 0.0), (nfc, photo((1, 2, 3)), 1, 0.0)]))) == 1


def test_packs_are_deterministic_and_order_independent() -> None:
    assert build_pack(items()) == build_pack(list(reversed(items())))


def test_index_from_the_head_only() -> None:
    many = [(f"2022/0601_運動会/IMG_{i:04d}.jpg", ALBUM["2022/0601_運動会/リレー.jpg"], i, MTIME) for i in range(600)]
    pack = build_pack(many)
    head = pack[: thumbpack.INDEX_HEAD_BYTES]
    with pytest.raises(PackIncomplete) as caught:
        read_index(head, pack_size=len(pack))  # 600 entries do not fit in the first GET
    needed = caught.value.needed
    assert thumbpack.INDEX_HEAD_BYTES < needed < len(pack)
    index = read_index(pack[:needed], pack_size=len(pack))
    assert len(index) == 600 and not index.refused
    entry = index.get("2022/0601_運動会/IMG_0599.jpg")
    assert entry is not None and pack[entry.offset : entry.offset + entry.length].startswith(b"\xff\xd8")
    small = build_pack(items())
    assert len(read_index(small[: thumbpack.INDEX_HEAD_BYTES], pack_size=len(small))) == len(ALBUM)


def test_write_to_a_file_and_read_from_the_path(tmp_path: Path) -> None:
    path = tmp_path / "0601_運動会.tar"
    with path.open("wb") as f:
        size = write_pack(iter(items()), f, spool_dir=tmp_path)
    assert size == path.stat().st_size == len(build_pack(items()))
    assert size % 512 == 0
    heic = "2022/0601_運動会/sub/IMG_0001.HEIC"
    assert read_thumbnail(path, heic) == ALBUM[heic].jpeg
    assert len(read_index(path)) == len(ALBUM)
    assert len(extract_pack(path, tmp_path / "x").written) == len(ALBUM)


def test_the_builder_spools_to_disk_beyond_its_memory_share(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(thumbpack, "_SPOOL_IN_MEMORY", 10_000)
    with thumbpack.PackBuilder(spool_dir=tmp_path) as builder:
        for rel, thumb, size, mtime in items():
            assert builder.add(rel, thumb, size, mtime)
        assert builder._spool._rolled  # type: ignore[attr-defined]  # on disk now
        out = io.BytesIO()
        builder.write_to(out)
    assert out.getvalue() == build_pack(items())


@pytest.mark.parametrize("tool", ["tar", "7z", "bsdtar"])
def test_other_tools_read_the_pack(tool: str, tmp_path: Path) -> None:
    exe = shutil.which(tool)
    if exe is None:
        pytest.skip(f"{tool} is not installed")
    pack = tmp_path / "pack.tar"
    pack.write_bytes(build_pack(items()))
    out = tmp_path / "out"
    out.mkdir()
    args = [exe, "x", f"-o{out}", "-y", str(pack)] if tool == "7z" else [exe, "-xf", str(pack), "-C", str(out)]
    subprocess.run(args, check=True, capture_output=True, timeout=60, env={**os.environ, "LC_ALL": "C.UTF-8"})
    assert json.loads((out / INDEX_NAME).read_bytes())["format"] == thumbpack.PACK_FORMAT
    for rel, thumb in ALBUM.items():
        assert (out / (rel + ".jpg")).read_bytes() == thumb.jpeg


def test_bad_paths_are_left_out_when_building(caplog: pytest.LogCaptureFixture) -> None:
    thumb = ALBUM["2022/0601_運動会/リレー.jpg"]
    pack = build_pack([("../evil.jpg", thumb, 1, 0.0), ("/abs.jpg", thumb, 1, 0.0), ("C:/x.jpg", thumb, 1, 0.0),
                       ("a\\b.jpg", thumb, 1, 0.0), ("ok.jpg", thumb, 1, 0.0)])  # fmt: skip
    assert list(read_index(pack).entries) == ["ok.jpg"]
    assert len(caplog.records) == 4


def hostile_pack(with_index: bool) -> bytes:
    """A tar made by hand: a good member, ``../evil.jpg``, an absolute name, and (optionally) an index naming them."""
    jpeg = ALBUM["2022/0601_運動会/リレー.jpg"].jpeg
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w", format=tarfile.PAX_FORMAT) as tar:
        names = ["good.jpg.jpg", "../evil.jpg", "/etc/evil.jpg", "sub/../../evil2.jpg"]
        if with_index:
            # Offsets are those of the members below: 512 for the index header, its data, then header + data each.
            files = {}
            pos = 512 + 2048
            for name in names:
                pos += 512
                files[name[:-4]] = {"member": name, "offset": pos, "length": len(jpeg), "kind": "photo"}
                pos += (len(jpeg) + 511) // 512 * 512
            files["sizeless"] = {"member": "good.jpg.jpg", "offset": 10**9, "length": len(jpeg)}
            blob = json.dumps({"format": thumbpack.PACK_FORMAT, "version": 1, "files": files}).encode().ljust(2048)
            info = tarfile.TarInfo(INDEX_NAME)
            info.size = len(blob)
            tar.addfile(info, io.BytesIO(blob))
        for name in names:
            info = tarfile.TarInfo(name)
            info.size = len(jpeg)
            tar.addfile(info, io.BytesIO(jpeg))
    return out.getvalue()


@pytest.mark.parametrize("with_index", [True, False])
def test_malicious_names_are_refused_on_extract(with_index: bool, tmp_path: Path) -> None:
    dest = tmp_path / "a" / "thumbs"
    dest.mkdir(parents=True)
    report = extract_pack(hostile_pack(with_index), dest)
    assert [p.relative_to(dest).as_posix() for p in report.written] == ["good.jpg.jpg"]
    assert len(report.refused) == (4 if with_index else 3)
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()) == [
        "a/thumbs/good.jpg.jpg"
    ]


def test_a_symlink_inside_the_destination_does_not_lead_outside(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    dest = tmp_path / "dest" / "2022"
    dest.mkdir(parents=True)
    (dest / "0601_運動会").symlink_to(outside, target_is_directory=True)
    report = extract_pack(build_pack(items()), tmp_path / "dest")
    assert len(report.refused) == len(ALBUM) and not any(outside.iterdir())


OTHER_FORMAT = build_pack(items()).replace(b"glacier_gui-thumbs", b"someone-elses-pack")  # same length


@pytest.mark.parametrize("data", [b"", b"\0" * 512, b"garbage" * 200, build_pack(items())[:700], OTHER_FORMAT])
def test_what_is_not_a_pack_raises_pack_error(data: bytes) -> None:
    with pytest.raises(PackError):
        read_index(data)


def test_an_index_from_a_newer_version_is_not_misread() -> None:
    pack = build_pack(items())
    newer = pack.replace(b'"version": 1', b'"version": 9', 1)
    assert newer != pack
    with pytest.raises(PackError, match="newer"):
        read_index(newer)


def test_an_offset_that_does_not_point_at_a_jpeg_is_an_error() -> None:
    pack = bytearray(build_pack(items()))
    entry = read_index(bytes(pack)).get("2022/0601_運動会/リレー.jpg")
    assert entry is not None
    pack[entry.offset : entry.offset + 2] = b"XX"
    with pytest.raises(PackError):
        read_thumbnail(bytes(pack), "2022/0601_運動会/リレー.jpg")
