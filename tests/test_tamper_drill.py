"""The leaked-key drill (b): a bucket where an attacker altered manifests, and what verify says on each computer.

Without enforcement (plain moto) an attacker can write over anything.  From the computer that made the backup,
verify catches every alteration of a manifest (it keeps the SHA-256 of each generation it wrote); from a new
computer it catches every one that breaks the chain, and says plainly what it cannot know.  With enforcement (the
proxy), a forged newest generation that follows the chain is the one thing left: a new computer restores as of an
earlier date and gets the real photos back.
"""

from __future__ import annotations

import base64
import hashlib
import json
import time
from datetime import UTC, datetime
from pathlib import Path

import boto3
import pytest

from glacier_gui.cli import main
from glacier_gui.core.settings import Settings
from tests.conftest import cli_args, write
from tests.enforcing_proxy import EnforcingProxy

UNIT = "2022/0501_旅行"  # DSC_0001.jpg (3000 x "c"), sub/DSC_0002.jpg (500 x "d")
MANIFEST = f".glacier_gui/10_Album/manifests/{UNIT}.json"
PHOTO = f"10_Album/{UNIT}/DSC_0001.jpg"


def two_generations(settings: Settings, data_dir: Path, album: Path) -> list[str]:
    """Upload the unit, add a photo, upload again: generations 0 and 1."""
    args = cli_args(settings, data_dir)
    assert main(["run", *args]) == 0
    assert main(["mark", "--upload", UNIT, *args]) == 0
    assert main(["upload", *args]) == 0
    write(album / "2022" / "0501_旅行" / "DSC_0003.jpg", b"f" * 700)
    assert main(["scan", *args]) == 0
    assert main(["mark", "--upload", UNIT, *args]) == 0
    assert main(["upload", *args]) == 0
    return args


def new_pc(args: list[str], data_dir: Path, tmp_path: Path) -> list[str]:
    """The same command line on a computer that has none of the first one's records."""
    other = tmp_path / "new-pc"
    other.mkdir(exist_ok=True)
    return [str(other) if a == str(data_dir) else a for a in args]


def manifest_body(s3, bucket: str, key: str) -> dict:
    return json.loads(s3.get_object(Bucket=bucket, Key=key)["Body"].read())


def verify(args: list[str], capsys) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["verify", "--unit", UNIT, *args])
    return code, capsys.readouterr().out


def test_an_emptied_manifest_is_caught_here_and_from_a_new_pc(
    settings: Settings, data_dir: Path, album: Path, s3, bucket: str, tmp_path: Path, capsys
) -> None:
    args = two_generations(settings, data_dir, album)
    assert verify(args, capsys)[0] == 0
    emptied = manifest_body(s3, bucket, MANIFEST) | {"files": []}
    s3.put_object(Bucket=bucket, Key=MANIFEST, Body=json.dumps(emptied).encode())  # no enforcement: written over
    code, out = verify(args, capsys)
    assert code == 1 and "manifest generation 0" in out and "was altered since this computer wrote it" in out
    code, out = verify(new_pc(args, data_dir, tmp_path), capsys)
    assert code == 1 and "manifest generation 1" in out and "does not chain" in out
    assert "generation 0 is not the one it followed" in out and "NOT IN CHAIN" in out


def test_a_forged_object_with_a_forged_manifest_is_caught_here(
    settings: Settings, data_dir: Path, album: Path, s3, bucket: str, tmp_path: Path, capsys
) -> None:
    args = two_generations(settings, data_dir, album)
    garbage = b"X" * 3000
    digest = hashlib.sha256(garbage)
    b64 = base64.b64encode(digest.digest()).decode()
    s3.put_object(
        Bucket=bucket,
        Key=PHOTO,
        Body=garbage,
        StorageClass="DEEP_ARCHIVE",
        ChecksumAlgorithm="SHA256",
        ChecksumSHA256=b64,
    )
    newest = f"{MANIFEST}@000001"
    forged = manifest_body(s3, bucket, newest)
    for f in forged["files"]:
        if f["path"] == "DSC_0001.jpg":
            f["sha256"], f["s3_checksum"] = digest.hexdigest(), b64
    s3.put_object(Bucket=bucket, Key=newest, Body=json.dumps(forged).encode())  # chain fields kept: it chains
    code, out = verify(args, capsys)
    assert code == 1 and "manifest generation 1" in out and "was altered since this computer wrote it" in out
    assert "checksum" in out and "DSC_0001.jpg" in out  # the object itself no longer matches this PC's manifest
    # From a new computer the forgery chains and its checksums agree: verify cannot tell, and says so.
    code, out = verify(new_pc(args, data_dir, tmp_path), capsys)
    assert "cannot be told apart" in out and "--as-of" in out
    assert "#0" in out and "#1" in out  # the history, with dates and file counts
    capsys.readouterr()
    main(["verify", "--json", "--unit", UNIT, *new_pc(args, data_dir, tmp_path)])
    [check] = json.loads(capsys.readouterr().out)
    assert [(g["generation"], g["files"], g["current"], g["here"]) for g in check["history"]] == [
        (0, 2, True, False),
        (1, 3, True, False),
    ]
    assert "cannot be told apart" in check["chain_note"]


def test_a_forged_newest_generation_under_enforcement_is_undone_by_restoring_as_of_an_earlier_date(
    settings: Settings, data_dir: Path, album: Path, s3, s3_url: str, bucket: str, tmp_path: Path, capsys
) -> None:
    proxy = EnforcingProxy(s3_url)
    try:
        settings.endpoint_url = proxy.url
        args = two_generations(settings, data_dir, album)
        time.sleep(1.1)  # S3 dates objects to the second: the forgery comes a second after the last upload
        before = datetime.now(UTC).replace(microsecond=0)
        time.sleep(1.1)
        evil = boto3.client("s3", endpoint_url=proxy.url, region_name="us-east-1")
        garbage = b"X" * 3000
        digest = hashlib.sha256(garbage)
        b64 = base64.b64encode(digest.digest()).decode()
        fake = f"10_Album/{UNIT}/.versions/20990101T000000Z/DSC_0001.jpg"
        evil.put_object(
            Bucket=bucket,
            Key=fake,
            Body=garbage,
            StorageClass="DEEP_ARCHIVE",
            ChecksumAlgorithm="SHA256",
            ChecksumSHA256=b64,
            IfNoneMatch="*",
        )
        head_key = f"{MANIFEST}@000001"
        head = s3.get_object(Bucket=bucket, Key=head_key)["Body"].read()
        forged = json.loads(head) | {
            "generation": 2,
            "previous_key": head_key,
            "previous_sha256": hashlib.sha256(head).hexdigest(),
        }
        for f in forged["files"]:
            if f["path"] == "DSC_0001.jpg":
                f.update(key=fake, sha256=digest.hexdigest(), s3_checksum=b64)
        evil.put_object(Bucket=bucket, Key=f"{MANIFEST}@000002", Body=json.dumps(forged).encode(), IfNoneMatch="*")
        # This computer knows it did not write generation 2.
        code, out = verify(args, capsys)
        assert code == 1 and "manifest generation 2" in out and "was not written by this computer" in out
        # A new computer cannot tell; restoring as of the day before gets the real photo back.
        elsewhere = new_pc(args, data_dir, tmp_path)
        code, out = verify(elsewhere, capsys)
        assert code == 0 and "cannot be told apart" in out
        dest = tmp_path / "restored"
        as_of = before.astimezone().replace(tzinfo=None).isoformat(timespec="seconds")
        capsys.readouterr()
        start = ["restore", "start", "--unit", UNIT, "--dest", str(dest), "--yes", "--as-of", as_of, *elsewhere]
        assert main(start) == 0
        assert "manifest generation 1 of" in capsys.readouterr().out
        assert main(["restore", "fetch", *elsewhere]) == 0
        assert (dest / UNIT / "DSC_0001.jpg").read_bytes() == b"c" * 3000
        assert (dest / UNIT / "DSC_0003.jpg").read_bytes() == b"f" * 700
        assert main(["restore", "start", "--unit", UNIT, "--dest", str(dest), "--as-of", "yesterday", *elsewhere]) == 2
    finally:
        proxy.close()


@pytest.mark.parametrize("bad", ["2026-13-01", "soon"])
def test_as_of_refuses_what_is_not_a_date(settings: Settings, data_dir: Path, tmp_path: Path, bad: str) -> None:
    args = ["restore", "start", "--unit", UNIT, "--dest", str(tmp_path / "d"), "--as-of", bad]
    assert main([*args, *cli_args(settings, data_dir)]) == 2


def test_a_recovery_record_kept_off_the_pc_catches_a_forged_newest_generation_from_a_new_pc(
    settings: Settings, data_dir: Path, album: Path, s3, bucket: str, tmp_path: Path, capsys
) -> None:
    args = two_generations(settings, data_dir, album)
    record = tmp_path / "usb-stick" / "album-record.json"
    record.parent.mkdir()
    assert main(["verify", "--save-record", str(record), *args]) == 0
    saved = json.loads(record.read_text(encoding="utf-8"))
    assert saved["units"][UNIT]["key"] == f"{MANIFEST}@000001" and len(saved["units"][UNIT]["sha256"]) == 64
    elsewhere = new_pc(args, data_dir, tmp_path)
    capsys.readouterr()
    assert main(["verify", "--record", str(record), *elsewhere]) == 0  # units from the record: no status.csv here
    assert "the newest generation is the one in your recovery record" in capsys.readouterr().out
    # Forged in place, chain fields kept: it chains, and only the record can tell.
    newest = f"{MANIFEST}@000001"
    forged = manifest_body(s3, bucket, newest)
    forged["files"][0]["mtime"] = 0.0  # any change the files' checks cannot see
    s3.put_object(Bucket=bucket, Key=newest, Body=json.dumps(forged).encode())
    assert main(["verify", "--unit", UNIT, *elsewhere]) == 0  # without the record: cannot be told apart
    capsys.readouterr()
    assert main(["verify", "--record", str(record), *elsewhere]) == 1
    assert "the generation in your recovery record" in capsys.readouterr().out
    assert main(["verify", "--record", str(tmp_path / "nope.json"), *elsewhere]) == 2


def test_an_emptied_newest_generation_that_chains_is_caught_from_a_new_pc(
    settings: Settings, data_dir: Path, album: Path, s3, s3_url: str, bucket: str, tmp_path: Path, capsys
) -> None:
    proxy = EnforcingProxy(s3_url)
    try:
        settings.endpoint_url = proxy.url
        args = two_generations(settings, data_dir, album)
        head_key = f"{MANIFEST}@000001"
        head = s3.get_object(Bucket=bucket, Key=head_key)["Body"].read()
        emptied = json.loads(head) | {
            "generation": 2,
            "previous_key": head_key,
            "previous_sha256": hashlib.sha256(head).hexdigest(),
            "files": [],
        }
        evil = boto3.client("s3", endpoint_url=proxy.url, region_name="us-east-1")
        evil.put_object(Bucket=bucket, Key=f"{MANIFEST}@000002", Body=json.dumps(emptied).encode(), IfNoneMatch="*")
        code, out = verify(new_pc(args, data_dir, tmp_path), capsys)
        assert code == 1 and "no longer lists 3 file(s) that generation 1 listed" in out
    finally:
        proxy.close()


def test_a_backup_from_before_the_chain_stays_this_pcs_own_after_its_next_upload(
    settings: Settings, data_dir: Path, album: Path, capsys
) -> None:
    args = cli_args(settings, data_dir)
    assert main(["run", *args]) == 0
    assert main(["mark", "--upload", UNIT, *args]) == 0
    assert main(["upload", *args]) == 0
    for record in (data_dir / "manifests").glob("*.generations.json"):
        record.unlink()  # as an older version of the app left it: one manifest, no record of generations
    assert verify(args, capsys)[0] == 0
    write(album / "2022" / "0501_旅行" / "DSC_0003.jpg", b"f" * 700)
    assert main(["scan", *args]) == 0
    assert main(["mark", "--upload", UNIT, *args]) == 0
    assert main(["upload", *args]) == 0
    code, out = verify(args, capsys)
    assert code == 0 and "not written by this computer" not in out
