"""How one photo of the browse grid is drawn: the thumbnail centred in a square, then name, date and size.

Every cell has the same size (the view relies on it: with uniform sizes it never measures 10,000 items), so
a portrait and a landscape photo put their text on the same line.  Colours come from the view's palette;
the name is elided in the middle so the extension stays visible.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from glacier_gui.gui.browse.model import Roles

MARGIN = 6
LINES = 3  # name, date, size
LEADING = 2  # pixels between lines: a Japanese name drawn in a fallback font is taller than the font's own height


class PhotoDelegate(QStyledItemDelegate):
    """Paints a photo cell of ``icon_size`` pixels of picture plus three lines of text."""

    def __init__(self, icon_size: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.icon_size = icon_size

    def cell_size(self, metrics: QFontMetrics) -> QSize:
        text = LINES * (metrics.height() + LEADING) + 2
        return QSize(self.icon_size + 2 * MARGIN, self.icon_size + 2 * MARGIN + text)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        return self.cell_size(option.fontMetrics)

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        # The cell's own drawing, not initStyleOption: that asks the model for ten roles per cell and paint.
        # The view's option carries no text, so the style draws only the selection and hover background.
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, widget)
        rect: QRect = option.rect
        x, y, side = rect.x() + MARGIN, rect.y() + MARGIN, self.icon_size
        cell = index.data(Roles.CellRole)
        if cell is None:
            return
        pixmap, name, date, size = cell
        if isinstance(pixmap, QPixmap):
            ratio = pixmap.devicePixelRatio()
            width, height = round(pixmap.width() / ratio), round(pixmap.height() / ratio)
            painter.drawPixmap(x + (side - width) // 2, y + (side - height) // 2, pixmap)  # no scaling: a blit
        self._text(painter, option, (name, date, size), QRect(x, y + side + 3, side, rect.bottom() - y - side - 3))

    def _text(self, painter: QPainter, option: QStyleOptionViewItem, texts: tuple[str, str, str], area: QRect) -> None:
        state = option.state
        palette: QPalette = option.palette
        metrics: QFontMetrics = option.fontMetrics
        selected = bool(state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorGroup.Active if state & QStyle.StateFlag.State_Active else QPalette.ColorGroup.Inactive
        text = palette.color(group, QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        dim = text if selected else palette.color(group, QPalette.ColorRole.PlaceholderText)
        name, date, size = texts
        lines = (
            (name, text, Qt.TextElideMode.ElideMiddle),
            (date, dim, Qt.TextElideMode.ElideRight),
            (size, dim, Qt.TextElideMode.ElideRight),
        )
        painter.save()
        height = metrics.height() + LEADING
        for i, (line, colour, elide) in enumerate(lines):
            painter.setPen(colour)
            row = QRect(area.x(), area.y() + i * height, area.width(), height)
            align = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter
            painter.drawText(row, align, metrics.elidedText(line, elide, row.width()))
        painter.restore()
