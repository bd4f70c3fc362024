"""Logging set-up shared by the CLI and the GUI: a rotating file in the data directory, never a secret.

The log must survive whatever it is asked to write: file names from a NAS may hold bytes that are not valid
UTF-8 (kept by Python as surrogate escapes).  Every line is made printable first (such bytes shown as
``\\xff``, as in every message), and the file is opened with ``backslashreplace`` besides, so a name can never
make logging fail.  The console gets one line per record, never a traceback: tracebacks go to the file,
and records marked :data:`FILE_ONLY` (the CLI's own error line is already on the screen) only there.
Each run's first line in the file names the versions of the app, Python and its libraries (core/versions.py).
"""

from __future__ import annotations

import logging
import logging.handlers
import re
import sys
from pathlib import Path

from glacier_gui.core.paths import printable
from glacier_gui.core.versions import version_line

LOG_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"
# AWS access key ids and anything that looks like a secret key are masked before a record is written.
_SECRET_RE = re.compile(r"(AKIA|ASIA)[A-Z0-9]{16}|(?i:(secret|session)[_-]?(access[_-]?)?(key|token)\s*[=:]\s*)\S+")


FILE_ONLY = {"file_only": True}
"""``extra=`` for a record that belongs in the log file but not on the console."""


class RedactSecrets(logging.Filter):
    """Mask key-like strings in log records (a defence in depth: the code never logs credentials)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if _SECRET_RE.search(message):
            record.msg = _SECRET_RE.sub("***", message)
            record.args = None
        return True


class _ConsoleOnly(logging.Filter):
    """Drop records marked :data:`FILE_ONLY`."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not getattr(record, "file_only", False)


class PrintableFormatter(logging.Formatter):
    """Lines that any stream can take: undecodable bytes of a name as ``\\xff`` (see paths.printable)."""

    def format(self, record: logging.LogRecord) -> str:
        return printable(super().format(record))


class OneLineFormatter(PrintableFormatter):
    """The console's format: the message without the traceback or stack a record may carry."""

    def format(self, record: logging.LogRecord) -> str:
        if record.exc_info or record.exc_text or record.stack_info:
            record = logging.makeLogRecord(record.__dict__)
            record.exc_info = record.exc_text = record.stack_info = None
        return super().format(record)


class LogFileHandler(logging.handlers.RotatingFileHandler):
    """The rotating log file; when the disk refuses a write, one line says so and the file is left alone,
    instead of logging's own traceback on stderr for every record after it."""

    failed = False

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
