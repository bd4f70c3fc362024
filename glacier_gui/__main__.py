"""Entry point: `python -m glacier_gui` / `glacier-gui`."""

from glacier_gui.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
