"""A small add/remove editor for a list of names (the skip-file and skip-folder patterns)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QListWidget, QPushButton, QVBoxLayout, QWidget


class ListEditor(QWidget):
    """A list with a line edit to add an entry, Remove for the selected ones, and Defaults to reset."""

    def __init__(
        self, values: Sequence[str], defaults: Sequence[str], placeholder: str = "", parent: Any = None
    ) -> None:
        super().__init__(parent)
        self._defaults = list(defaults)
        self.list = QListWidget(self)
        self.list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.list.setMaximumHeight(110)
        self.entry = QLineEdit(self)
        self.entry.setPlaceholderText(placeholder)
        self.add_button = QPushButton(self.tr("Add"), self)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.defaults_button = QPushButton(self.tr("Defaults"), self)
        self.defaults_button.setToolTip(", ".join(self._defaults))
        # [list      ] [Remove  ]
        # [list      ] [Defaults]
        # [entry     ] [Add     ]
        side = QVBoxLayout()
        side.addWidget(self.remove_button)
        side.addWidget(self.defaults_button)
        side.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.list, 1)
        top.addLayout(side)
        bottom = QHBoxLayout()
        bottom.addWidget(self.entry, 1)
        bottom.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(bottom)
        for button in (self.add_button, self.remove_button, self.defaults_button):
            button.setMinimumWidth(90)
        self.add_button.clicked.connect(self.add_entry)
        self.entry.returnPressed.connect(self.add_entry)
        self.remove_button.clicked.connect(self.remove_selected)
        self.defaults_button.clicked.connect(lambda: self.set_values(self._defaults))
        self.set_values(values)

    def set_values(self, values: Sequence[str]) -> None:
        self.list.clear()
        self.list.addItems(list(values))

    def values(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def add_entry(self) -> None:
        text = self.entry.text().strip()
        if text and text not in self.values():
            self.list.addItem(text)
        self.entry.clear()

    def remove_selected(self) -> None:
        for item in self.list.selectedItems():
            self.list.takeItem(self.list.row(item))
