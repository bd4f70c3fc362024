"""Write the settings table of ``docs/reference.md`` from the settings' declaration.

Run ``python build_spec/make_settings_table.py`` from the repository root after changing a setting.

The table sits between two marker comments (:data:`BEGIN`, :data:`END`); everything outside them is left as it is.
``--check`` writes nothing and exits with 1 when the table is not current (``tests/test_docs.py`` checks the same).
The rows come from :func:`glacier_gui.cli.settings_help.settings_table`, which ``glacier-gui help settings``
reads too.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from glacier_gui.cli.settings_help import settings_table

REFERENCE = Path(__file__).resolve().parents[1] / "docs" / "reference.md"
BEGIN = "<!-- settings table: made by build_spec/make_settings_table.py from core/settings.py; do not edit -->"
END = "<!-- end of the settings table -->"


def with_table(text: str) -> str:
    """*text* with the part between the markers replaced by the current table."""
    start, end = text.index(BEGIN) + len(BEGIN), text.index(END)
    return text[:start] + "\n" + settings_table() + text[end:]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Regenerate the settings table in docs/reference.md.")
    parser.add_argument("--check", action="store_true", help="only check that the table is current")
    parser.add_argument("--file", type=Path, default=REFERENCE, help="the Markdown file (default: docs/reference.md)")
    args = parser.parse_args(argv)
    text = args.file.read_text(encoding="utf-8")
    new = with_table(text)
    if new == text:
        print(f"{args.file}: the settings table is current")
        return 0
    if args.check:
        print(f"{args.file}: the settings table is out of date; run python build_spec/make_settings_table.py")
        return 1
    args.file.write_text(new, encoding="utf-8", newline="\n")
    print(f"{args.file}: settings table written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
