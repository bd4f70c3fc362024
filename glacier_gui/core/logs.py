"""Logging set-up shared by the CLI and the GUI: a rotating file in the data directory, never a secret.

The log must survive whatever it is asked to write: file names from a NAS may hold bytes that are not valid
UTF-8 (kept by Python as surrogate escapes).  Every line is made printable first (such bytes shown as
``\\xff``, as in every message), and the file is opened with ``backslashreplace`` besides, so a name can never
make logging fail.  The console gets one line per record, never a traceback: tracebacks go to the file,
and records marked :data:`FILE_ONLY` (the CLI's own error line is already on the screen) only there.
Each run's first line in the file names the versions of the app, Python and its libraries (core/versions.py).
"""

from __future__ import annotations

import contextlib
import logging
import logging.handlers
import os
import re
import sys
from pathlib import Path
from typing import Any

from glacier_gui.core.atomic import PRIVATE_FILE, private_folder
from glacier_gui.core.paths import printable
from glacier_gui.core.versions import version_line

LOG_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"
# AWS access key ids, "secret_key = ..." pairs and bare secret access keys are masked before a record is
# written.  A secret access key is 40 characters of base64 ([A-Za-z0-9/+]) with upper and lower case letters and
# digits mixed: a run of exactly 40 such characters (not part of a longer one) that mixes all three is masked,
# which leaves hex digests (lower case only), paths with dots or underscores and longer runs alone.
_SECRET_RE = re.compile(
    r"(AKIA|ASIA)[A-Z0-9]{16}"
    r"|(?i:(secret|session)[_-]?(access[_-]?)?(key|token)\s*[=:]\s*)\S+"
    r"|(?<![A-Za-z0-9/+])(?=[A-Za-z0-9/+]{0,39}[A-Z])(?=[A-Za-z0-9/+]{0,39}[a-z])(?=[A-Za-z0-9/+]{0,39}[0-9])"
    r"[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])"
)


def redact(text: str) -> str:
    """*text* with every key id and secret-looking string replaced by ``***`` (logs, the crash dialog)."""
    return _SECRET_RE.sub("***", text)


FILE_ONLY = {"file_only": True}
"""``extra=`` for a record that belongs in the log file but not on the console."""


class RedactSecrets(logging.Filter):
    """Mask key-like strings in log records (a defence in depth: the code never logs credentials)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if _SECRET_RE.search(message):
            record.msg = redact(message)
            record.args = None
        return True


class _ConsoleOnly(logging.Filter):
    """Drop records marked :data:`FILE_ONLY`."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not getattr(record, "file_only", False)


class PrintableFormatter(logging.Formatter):
    """Lines that any stream can take: undecodable bytes of a name as ``\\xff`` (see paths.printable)."""

    def format(self, record: logging.LogRecord) -> str:
        return printable(redact(super().format(record)))  # the traceback too, not only the message


class OneLineFormatter(PrintableFormatter):
    """The console's format: the message without the traceback or stack a record may carry."""

    def format(self, record: logging.LogRecord) -> str:
        if record.exc_info or record.exc_text or record.stack_info:
            record = logging.makeLogRecord(record.__dict__)
            record.exc_info = record.exc_text = record.stack_info = None
        return super().format(record)


class LogFileHandler(logging.handlers.RotatingFileHandler):
    """The rotating log file; when the disk refuses a write, one line says so and the file is left alone,
    instead of logging's own traceback on stderr for every record after it.

    Several processes write the same file (the window, a scheduled run, a command in a terminal), each with its
    own handler, so rotation must tolerate the others:

    - On Windows a file another process has open cannot be renamed.  The rotation first moves the log itself
      aside; when that fails, nothing else is touched (the backups are not shifted, none is lost), logging goes on
      in the same file, and the next try waits until another tenth of ``maxBytes`` has been written.
    - On POSIX the rename succeeds under the other process, which would go on writing into the renamed file and
      soon rotate again: before each record a handler checks that its file is still the one at the log's path
      and, if another process has rotated it, opens the new one instead of rotating a second time.
    """

    failed = False
    _retry_at = 0  # after a rotation that could not move the file: no new try below this size

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 - logging's name
        if not self.failed:
            self.failed = True
            kind, exc, _ = sys.exc_info()
            why = f"{kind.__name__}: {exc}" if kind is not None else "unknown error"
            sys.stderr.write(
                printable(f"glacier-gui: warning: cannot write the log file {self.baseFilename} ({why})\n")
            )

    def emit(self, record: logging.LogRecord) -> None:
        if not self.failed:
            super().emit(record)

    def _open(self) -> Any:
        """The log file, created ``0600`` on POSIX (it names the album's files and the bucket)."""
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_BINARY", 0),
                     PRIVATE_FILE)  # fmt: skip
        return os.fdopen(fd, self.mode, encoding=self.encoding, errors=self.errors)

    def shouldRollover(self, record: logging.LogRecord) -> bool:  # noqa: N802 - logging's name
        if self.stream is not None and self._rotated_by_another():
            self.stream.close()
            self.stream = self._open()
        if not super().shouldRollover(record):
            return False
        return self.stream is None or self.stream.tell() >= self._retry_at

    def _rotated_by_another(self) -> bool:
        """Whether the log's path no longer names the file this handler writes (another process rotated it)."""
        if self.stream is None:
            return False
        try:
            ours, theirs = os.fstat(self.stream.fileno()), os.stat(self.baseFilename)
        except FileNotFoundError:
            return True
        except (OSError, ValueError):
            return False
        if not ours.st_ino or not theirs.st_ino:  # a file system without file ids: cannot tell, keep writing
            return False
        return (ours.st_dev, ours.st_ino) != (theirs.st_dev, theirs.st_ino)

    def doRollover(self) -> None:  # noqa: N802 - logging's name
        """Move the log to ``.1`` (and the older ones up); if the log cannot be moved, keep writing to it."""
        if self._rotated_by_another():  # since shouldRollover looked: write to the new file, do not rotate it
            if self.stream is not None:
                self.stream.close()
            self.stream = self._open()
            return
        if self.stream is not None:
            self.stream.close()
            self.stream = None
        aside = f"{self.baseFilename}.{os.getpid()}.rotating"
        try:
            os.replace(self.baseFilename, aside)  # fails on Windows while another process has the file open
        except FileNotFoundError:  # another process has just rotated it: write to its new file
            pass
        except OSError:
            self.stream = self._open()
            self._retry_at = self.stream.seek(0, os.SEEK_END) + max(self.maxBytes // 10, 1)
            return
        else:
            for n in range(self.backupCount - 1, 0, -1):
                older = self.rotation_filename(f"{self.baseFilename}.{n}")
                if os.path.exists(older):
                    with contextlib.suppress(OSError):
                        os.replace(older, self.rotation_filename(f"{self.baseFilename}.{n + 1}"))
            try:
                os.replace(aside, self.rotation_filename(f"{self.baseFilename}.1"))
            except OSError:  # .1 is open in another process: this part of the log goes instead
                with contextlib.suppress(OSError):
                    os.remove(aside)
        self._retry_at = 0
        self.stream = self._open()

    def flush(self) -> None:
        if self.failed:
            return
        try:
            super().flush()
        except (OSError, ValueError) as exc:  # closing a file whose disk went away: nothing left to keep
            self.failed = True
            sys.stderr.write(printable(f"glacier-gui: warning: the log file {self.baseFilename}: {exc}") + "\n")


def setup_logging(data_dir: Path | None, console_level: int | None = logging.WARNING) -> Path | None:
    """Log to ``<data>/logs/glacier_gui.log`` (rotating, 5 x 2 MB) and, if asked, WARNING+ to stderr."""
    root = logging.getLogger()
    root.setLevel(logging.DEBUG)
    for handler in list(root.handlers):
        if getattr(handler, "_glacier_gui", False):
            root.removeHandler(handler)
            handler.close()
    redact = RedactSecrets()
    log_path = None
    if data_dir is not None:
        log_path = data_dir / "logs" / "glacier_gui.log"
        try:
            private_folder(data_dir)
            log_path.parent.mkdir(parents=True, exist_ok=True)
            file_handler = LogFileHandler(
                log_path, maxBytes=2_000_000, backupCount=5, encoding="utf-8", errors="backslashreplace"
            )
        except OSError:
            log_path = None
        else:
            file_handler.setLevel(logging.INFO)
            file_handler.setFormatter(PrintableFormatter(LOG_FORMAT))
            file_handler.addFilter(redact)
            file_handler._glacier_gui = True  # type: ignore[attr-defined]
            root.addHandler(file_handler)
    if console_level is not None:
        console = logging.StreamHandler()
        console.setLevel(console_level)
        console.setFormatter(OneLineFormatter("%(levelname)s: %(message)s"))
        console.addFilter(redact)
        console.addFilter(_ConsoleOnly())
        console._glacier_gui = True  # type: ignore[attr-defined]
        root.addHandler(console)
    for noisy in ("botocore", "boto3", "urllib3", "s3transfer", "werkzeug", "moto"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    if log_path is not None:  # what a bug report needs, first (with the Qt version where Qt is loaded)
        logging.getLogger(__name__).info("%s", version_line(), extra=FILE_ONLY)
    return log_path
