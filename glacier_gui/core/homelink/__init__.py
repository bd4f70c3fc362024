"""The family's line and PC: one limiter and pause per process, keep-awake, and backups on a timetable.

``link`` joins the limiter (``core/bwlimit.py``, kept below ``s3/`` because transfers use it) and keep-awake
into one thing per process; ``keepawake`` holds the OS calls; ``schedule`` and ``autorun`` describe and register
the scheduled backup (Windows Task Scheduler); ``handoff`` lets a scheduled run hand its backup to the open window.
Imports the foundation only; upload and restore use it.
"""
