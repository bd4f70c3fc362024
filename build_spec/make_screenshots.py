"""Regenerate the README pictures: ``PYTHONPATH=. python build_spec/make_screenshots.py [docs]``.

Runs the embedded demo offscreen (scan, mark, upload), then saves the main window and the settings dialog
(after its level preview has counted the units).  Japanese names need a CJK font (fonts-noto-cjk on Debian).
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from glacier_gui.core.logs import setup_logging  # noqa: E402
from glacier_gui.gui.app import _start_demo, demo_sequence, make_application  # noqa: E402
from glacier_gui.gui.main_window import MainWindow  # noqa: E402


def main(out: Path) -> int:
    app = make_application()
    out.mkdir(parents=True, exist_ok=True)
    with contextlib.ExitStack() as stack:
        data_dir, settings, credentials = _start_demo(stack, None)
        setup_logging(data_dir, console_level=None)  # as run_app: quiets the demo server's request log
        window = MainWindow(settings, data_dir, credentials=credentials, demo=True)
        window.resize(1240, 640)
        window.show()
        done: list[bool] = []
        demo_sequence(window, done.append)
        deadline = time.monotonic() + 120
        while not done and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.01)
        if done != [True]:
            print("the demo did not finish", file=sys.stderr)
            return 1
        end = time.monotonic() + 0.8  # the log pane's timer and the last repaint
        while time.monotonic() < end:
            app.processEvents()
        window.log_pane.drain()
        window.grab().save(str(out / "main-window.png"))
        dialog = window.open_settings()
        end = time.monotonic() + 10
        while "→" not in dialog.preview_label.text() and time.monotonic() < end:
            app.processEvents()
            time.sleep(0.01)
        dialog.test_button.click()
        end = time.monotonic() + 10
        while not dialog.test_button.isEnabled() and time.monotonic() < end or time.monotonic() < end - 9.5:
            app.processEvents()
            time.sleep(0.01)
        dialog.adjustSize()
        dialog.grab().save(str(out / "settings.png"))
        dialog.reject()
        window.shutdown()
        window.close()
    print(f"saved {out / 'main-window.png'} and {out / 'settings.png'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs")))
