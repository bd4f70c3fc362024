"""The CLI contract end to end against moto: the original's flow, exit codes, kill and resume."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from glacier_gui.cli import main
from glacier_gui.core.settings import Settings
from tests.conftest import cli_args, write

REPO = Path(__file__).resolve().parents[1]


def run_cli(*args: str) -> int:
    return main(list(args))


def status_json(settings: Settings, data_dir: Path, capsys) -> dict[str, dict]:
    capsys.readouterr()
    assert run_cli("status", "--json", *cli_args(settings, data_dir)) == 0
    return {r["unit"]: r for r in json.loads(capsys.readouterr().out)}


def test_original_flow_scan_mark_run(settings: Settings, data_dir: Path, s3, bucket: str, capsys) -> None:
    args = cli_args(settings, data_dir)
    assert run_cli("scan", *args) == 0
    out = capsys.readouterr().out
    assert "3 units, 5 files" in out and "3 Check" in out
    rows = status_json(settings, data_dir, capsys)
    assert {r["status"] for r in rows.values()} == {"Check"}
    assert run_cli("mark", "--upload", "2022/0601_運動会", "2021/0401_帰省", *args) == 0
    assert run_cli("run", *args) == 0
    out = capsys.readouterr().out
    assert "OK   2022/0601_運動会" in out and "0 failed" in out
    rows = status_json(settings, data_dir, capsys)
    assert rows["2022/0601_運動会"]["status"] == "Synchronized"
    assert rows["2021/0401_帰省"]["aws_file_count"] == 2 and rows["2021/0401_帰省"]["aws_total_size"] == 3000
    assert rows["2021/0401_帰省"]["aws_arn"] == "10_Album/2021/0401_帰省"
    assert rows["2022/0501_旅行"]["status"] == "Check"
    listed = s3.list_objects_v2(Bucket=bucket, Prefix="10_Album/")["Contents"]
    assert {o["StorageClass"] for o in listed} == {"DEEP_ARCHIVE"} and len(listed) == 3
    # A second run finds nothing to do and keeps everything synchronized.
    assert run_cli("run", *args) == 0
    assert "no unit is in state Upload" in capsys.readouterr().out
    # The status table prints in the original's words.
    assert run_cli("status", *args) == 0
    assert "Synchronized" in capsys.readouterr().out


def test_config_file_and_flags_precedence(settings: Settings, data_dir: Path, tmp_path: Path, capsys) -> None:
    config = write(
        tmp_path / "config.json",
        json.dumps({"album_root": settings.album_root, "level": 1, "status_file": settings.status_file}),
    )
    assert run_cli("scan", "--config", str(config), "--data-dir", str(data_dir), "--no-progress") == 0
    assert "2 units" in capsys.readouterr().out  # level 1 from the config file
    assert run_cli("scan", "--config", str(config), "--level", "2", "--data-dir", str(data_dir), "--no-progress") == 0
    assert "3 units" in capsys.readouterr().out  # the flag wins


@pytest.mark.parametrize(
    "change, message",
    [
        (("--root", "/no/such/album"), "is not a folder"),
        (("--level", "0"), "level must be between"),
        (("--bucket", "Bad_Bucket"), "not a valid S3 bucket name"),
        (("--endpoint-url", "ftp://x"), "must start with http"),
    ],
)
def test_bad_input_exits_2_with_one_line(settings: Settings, data_dir: Path, capsys, change, message) -> None:
    args = cli_args(settings, data_dir)
    i = args.index(change[0])
    args[i + 1] = change[1]
    assert run_cli("run", *args) == 2
    err = capsys.readouterr().err.strip()
    assert message in err and "\n" not in err and "Traceback" not in err


def test_unknown_bucket_is_a_remote_error_exit_1(settings: Settings, data_dir: Path, capsys) -> None:
    """S3 saying no is not bad input on the command line: exit status 1, one line, no traceback."""
    args = cli_args(settings, data_dir)
    args[args.index("--bucket") + 1] = "no-such-bucket-here"
    assert run_cli("scan", *args) == 0
    assert run_cli("mark", "--upload", "2021/0401_帰省", *args) == 0
    capsys.readouterr()
    assert run_cli("upload", *args) == 1
    err = capsys.readouterr().err
    assert "bucket 'no-such-bucket-here' does not exist" in err and "Traceback" not in err


def test_unknown_unit_and_malformed_status_file_exit_2(settings: Settings, data_dir: Path, capsys) -> None:
    args = cli_args(settings, data_dir)
    assert run_cli("scan", *args) == 0
    capsys.readouterr()
    assert run_cli("mark", "--upload", "2099/nothing", *args) == 2
    assert "unknown unit '2099/nothing'" in capsys.readouterr().err
    Path(settings.status_file).write_text("status,local_path\nWhatever,x\n", encoding="utf-8")
    assert run_cli("status", *args) == 2
    assert "is not one of" in capsys.readouterr().err


def test_dry_run_reports_a_plan_and_sends_nothing(settings: Settings, data_dir: Path, s3, bucket: str, capsys) -> None:
    args = cli_args(settings, data_dir)
    assert run_cli("scan", *args) == 0
    assert run_cli("mark", "--upload", "2022/0501_旅行", *args) == 0
    capsys.readouterr()
    assert run_cli("upload", "--dry-run", *args) == 0
    out = capsys.readouterr().out
    assert "dry run: 1 units" in out and "would upload 2 files" in out and "4 requests" in out
    assert "Contents" not in s3.list_objects_v2(Bucket=bucket)
    assert status_json(settings, data_dir, capsys)["2022/0501_旅行"]["status"] == "Upload"


def test_no_secret_reaches_status_settings_or_logs(settings: Settings, data_dir: Path, capsys) -> None:
    args = cli_args(settings, data_dir)
    assert run_cli("run", *args) == 0
    secret = os.environ["AWS_SECRET_ACCESS_KEY"] = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzzSECRET"
    try:
        assert run_cli("mark", "--upload", "2021/0401_帰省", *args) == 0
        assert run_cli("upload", *args) == 0
    finally:
        os.environ["AWS_SECRET_ACCESS_KEY"] = "testing"
    out = capsys.readouterr()
    for path in data_dir.rglob("*"):
        if path.is_file():
            assert secret not in path.read_text(encoding="utf-8", errors="replace"), path
    assert secret not in Path(settings.status_file).read_text(encoding="utf-8-sig")
    assert secret not in out.out + out.err


@pytest.mark.slow
def test_killed_upload_resumes_and_every_file_arrives_once(
    settings: Settings, data_dir: Path, s3, bucket: str, album: Path
) -> None:
    for i in range(30):
        write(album / "2022" / "0601_運動会" / f"IMG_{i:04d}.jpg", os.urandom(2000 + i))
    write(album / "2022" / "0601_運動会" / "video.mp4", os.urandom(5 * 2**20 * 4 + 77))
    args = cli_args(settings, data_dir)
    args[args.index("--concurrency") + 1] = "2"
    assert run_cli("scan", *args) == 0
    assert run_cli("mark", "--upload", "2022/0601_運動会", "2022/0501_旅行", *args) == 0
    env = dict(os.environ, GLACIER_GUI_TEST_SLOW_REQUEST="0.2", PYTHONPATH=str(REPO))
    proc = subprocess.Popen(
        [sys.executable, "-m", "glacier_gui", "upload", *args],
        env=env,
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    journal_dir = data_dir / "journal"
    while time.monotonic() < deadline:  # kill once some files and a part of the video are out
        journals = journal_dir.glob("*.jsonl") if journal_dir.exists() else []
        lines = "".join(p.read_text(encoding="utf-8") for p in journals)
        if lines.count('"t": "file"') >= 5 and '"t": "mpu"' in lines:
            break
        time.sleep(0.01)
    else:
        proc.kill()
        pytest.fail("the upload never got going: " + proc.stderr.read().decode())
    time.sleep(0.3)  # two parts of the video are on their way
    proc.kill()  # TerminateProcess on Windows, SIGKILL elsewhere
    proc.wait()
    before = {o["Key"]: o["LastModified"] for o in s3.list_objects_v2(Bucket=bucket).get("Contents", [])}
    data_before = [k for k in before if k.startswith("10_Album/2022/0601_")]
    assert 0 < len(data_before) < 32, "the kill should land mid-upload"
    assert ".glacier_gui/10_Album/manifests/2022/0601_運動会.json" not in before
    open_uploads = s3.list_multipart_uploads(Bucket=bucket).get("Uploads", [])

    env["GLACIER_GUI_TEST_SLOW_REQUEST"] = "0"
    result = subprocess.run(
        [sys.executable, "-m", "glacier_gui", "upload", *args],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    after = s3.list_objects_v2(Bucket=bucket, Prefix="10_Album/")["Contents"]
    keys = [o["Key"] for o in after]
    assert len(keys) == len(set(keys)) == 30 + 1 + 1 + 2  # every file once: 31 in 運動会 + リレー + 2 in 旅行
    for o in after:
        if o["Key"] in before:
            assert o["LastModified"] == before[o["Key"]], f"{o['Key']} was sent again"
    assert open_uploads and "parts resumed" in result.stdout  # the video went on from its sent parts
    assert not s3.list_multipart_uploads(Bucket=bucket).get("Uploads")
    rows = {r.split(",")[10]: r for r in Path(settings.status_file).read_text(encoding="utf-8-sig").splitlines()[1:]}
    assert all(r.startswith("Synchronized") for r in rows.values() if "2022/" in r)


def test_no_qt_in_the_core() -> None:
    code = (
        "import pkgutil, importlib, sys, glacier_gui.core as c\n"
        "for m in pkgutil.walk_packages(c.__path__, 'glacier_gui.core.'): importlib.import_module(m.name)\n"
        "import glacier_gui.cli\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]\n"
        "print(len([m for m in sys.modules if m.startswith('glacier_gui.core.')]), bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert int(result.stdout.split()[0]) >= 10  # the walk really imported the core modules


def test_demo_runs_the_whole_flow(tmp_path: Path, capsys) -> None:
    assert run_cli("demo", "--data-dir", str(tmp_path), "--no-progress") == 0
    out = capsys.readouterr().out
    assert "6 units" in out and "0 failed" in out
    assert out.count("Synchronized") == 6 and "DEAD" not in out
    assert "storage classes in the bucket: DEEP_ARCHIVE, STANDARD" in out


def test_a_second_writer_is_refused_while_the_first_holds_status_csv(
    settings: Settings, data_dir: Path, capsys
) -> None:
    from glacier_gui.core.lock import StatusLock

    args = cli_args(settings, data_dir)
    assert run_cli("scan", *args) == 0
    code = (
        "import sys, time; from pathlib import Path; from glacier_gui.core.lock import StatusLock\n"
        "lock = StatusLock(Path(sys.argv[1])).acquire(); print('held', flush=True); time.sleep(60)"
    )
    holder = subprocess.Popen([sys.executable, "-c", code, settings.status_file], cwd=REPO, stdout=subprocess.PIPE)
    assert holder.stdout is not None and holder.stdout.readline().strip() == b"held"
    try:
        capsys.readouterr()
        assert run_cli("mark", "--upload", "2021/0401_帰省", *args) == 1
        assert "is in use by glacier_gui pid" in capsys.readouterr().err
        assert run_cli("status", *args) == 0  # reading is always fine
    finally:
        holder.kill()  # a crashed holder leaves no stale lock
        holder.wait()
    assert run_cli("mark", "--upload", "2021/0401_帰省", *args) == 0
    with StatusLock(Path(settings.status_file)):  # and the CLI released its own lock
        pass
