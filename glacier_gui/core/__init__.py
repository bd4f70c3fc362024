"""The Qt-free engine: scan, status.csv, upload, verify, restore, cost. Never imports PySide6."""
