"""The printable weekly summary: one renderer for the PDF file, the printer and the print preview.

A QTextDocument laid out for the page, small charts drawn with QPainter (crisp in black and white),
and on every page a footer with the disclaimer and "Page i of n".
"""

from __future__ import annotations

import html
import math
from datetime import date
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QDate,
    QIODevice,
    QLocale,
    QMarginsF,
    QPointF,
    QRectF,
    QSizeF,
    Qt,
    QUrl,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPainterPath,
    QPdfWriter,
    QPen,
    QTextDocument,
)

from plasticity_app.db.faults import write_private_file
from plasticity_app.domain import dates
from plasticity_app.domain.errors import UserError
from plasticity_app.domain.metrics import Direction
from plasticity_app.domain.review import (
    NAP_LEGEND,
    NEEDLE_INTRO,
    NEEDLE_SHOWN,
    baseline_days_text,
    nap_figure,
    pct,
)
from plasticity_app.domain.text import QT_TR_NOOP, isolate, tr
from plasticity_app.domain.week_report import MetricSection, WeekReport

DISCLAIMER = QT_TR_NOOP(
    "Plasticity Journal is a personal journal, not a medical device. Numbers describe the person’s "
    "own ratings; associations are not proof of cause."
)
PDF_DPI = 300
LETTER_TERRITORIES = {
    QLocale.Country.UnitedStates,
    QLocale.Country.Canada,
    QLocale.Country.Mexico,
    QLocale.Country.Philippines,
    QLocale.Country.Chile,
    QLocale.Country.Colombia,
}


def default_page_size(locale: QLocale | None = None) -> QPageSize:
    """Letter where the locale uses it, A4 elsewhere."""
    territory = (locale or QLocale()).territory()
    if territory in LETTER_TERRITORIES:
        return QPageSize(QPageSize.PageSizeId.Letter)
    return QPageSize(QPageSize.PageSizeId.A4)


def _header_row(*titles: str) -> str:
    return "<tr>" + "".join(f"<th>{_e(title)}</th>" for title in titles) + "</tr>"


def _e(text: str) -> str:
    return html.escape(text, quote=False).replace("\n", "<br>")


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _long(day: date) -> str:
    return dates.full_date(day)


def _num(value: float | None, digits: int = 1) -> str:
    return (
        "–"
        if value is None or (isinstance(value, float) and math.isnan(value))
        else dates.number(value, digits)
    )


def chart_image(section: MetricSection, width: int, height: int) -> QImage:
    """A small black-and-white chart: the baseline band and mean, and the week's daily ratings."""
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.white)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    scale = height / 140
    font = QFont()
    font.setPixelSize(max(8, int(11 * scale)))
    p.setFont(font)
    left, right, top, bottom = 34 * scale, 8 * scale, 8 * scale, 20 * scale
    plot = QRectF(left, top, width - left - right, height - top - bottom)

    def y_of(v: float) -> float:
        return plot.bottom() - (v / 10.0) * plot.height()

    base = section.week.baseline
    if base.n:
        sd = 0.0 if math.isnan(base.sd) else base.sd
        band = QRectF(
            plot.left(),
            y_of(min(10, base.mean + sd)),
            plot.width(),
            y_of(max(0, base.mean - sd)) - y_of(min(10, base.mean + sd)),
        )
        p.fillRect(band, QColor(225, 225, 225))
        pen = QPen(QColor(90, 90, 90), 1.2 * scale, Qt.PenStyle.DashLine)
        p.setPen(pen)
        p.drawLine(QPointF(plot.left(), y_of(base.mean)), QPointF(plot.right(), y_of(base.mean)))
    p.setPen(QPen(QColor(0, 0, 0), 1 * scale))
    p.drawLine(plot.bottomLeft(), plot.bottomRight())
    p.drawLine(plot.bottomLeft(), plot.topLeft())
    for v in (0, 5, 10):
        y = y_of(v)
        p.drawLine(QPointF(plot.left() - 3 * scale, y), QPointF(plot.left(), y))
        p.drawText(
            QRectF(0, y - 8 * scale, left - 6 * scale, 16 * scale),
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
            str(v),
        )
    n = len(section.days)
    step = plot.width() / max(1, n)
    xs = [plot.left() + step * (i + 0.5) for i in range(n)]
    locale = QLocale()
    for x, point in zip(xs, section.days, strict=True):
        label = locale.dayName(point.day.isoweekday(), QLocale.FormatType.ShortFormat)
        p.drawText(
            QRectF(x - step / 2, plot.bottom() + 2 * scale, step, bottom - 2 * scale),
            int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
            label,
        )
    path = QPainterPath()
    started = False
    for x, point in zip(xs, section.days, strict=True):
        if point.value is None:
            started = False
            continue
        pt = QPointF(x, y_of(point.value))
        if started:
            path.lineTo(pt)
        else:
            path.moveTo(pt)
            started = True
    p.setPen(QPen(QColor(0, 0, 0), 1.8 * scale))
    p.drawPath(path)
    p.setBrush(QColor(0, 0, 0))
    for x, point in zip(xs, section.days, strict=True):
        if point.value is not None:
            p.drawEllipse(QPointF(x, y_of(point.value)), 3.2 * scale, 3.2 * scale)
    p.end()
    return image


def build_document(report: WeekReport, text_width: float) -> QTextDocument:
    doc = QTextDocument()
    font = QFont()
    font.setPointSizeF(9.5)
    doc.setDefaultFont(font)
    doc.setDocumentMargin(0)
    doc.setDefaultStyleSheet(
        "h1 { font-size: 16pt; margin: 0; } h2 { font-size: 12pt; margin-top: 10px; margin-bottom: 3px; }"
        "h3 { font-size: 10pt; margin-top: 6px; margin-bottom: 2px; }"
        "td, th { padding: 2px 6px 2px 0; } th { text-align: left; }"
        ".muted { color: #444444; } .small { font-size: 8.5pt; }"
    )
    parts: list[str] = []
    parts.append(f"<p class='muted small'>{_e(tr('Plasticity Journal · Weekly summary'))}</p>")
    parts.append(f"<h1>{_e(report.title)}</h1>")
    span = tr("{start} to {end}. Prepared on {prepared}.").format(
        start=_long(report.week_start),
        end=_long(report.week_end),
        prepared=_long(report.generated),
    )
    parts.append(f"<p class='muted'>{_e(span)}</p>")
    if report.is_empty:
        parts.append(
            "<p><b>{}</b> {}</p>".format(
                _e(tr("Nothing was recorded in this week.")),
                _e(
                    tr(
                        "There are no ratings, habits, experiments, thought records or sessions "
                        "to summarise. Weeks like this happen; the next entry picks the thread up "
                        "again."
                    )
                ),
            )
        )
    # Outcomes
    if report.metrics:
        parts.append(f"<h2>{_e(tr('Outcomes compared with the baseline'))}</h2>")
        chart_w = text_width * 0.40
        for i, section in enumerate(report.metrics):
            w = section.week
            arrow = (
                tr("higher is better") if w.direction is Direction.HIGHER else tr("lower is better")
            )
            base = w.baseline
            facts = [
                tr("Week mean {mean} ({rated} of 7 days rated)").format(
                    mean=f"<b>{_num(w.week.mean)}</b>", rated=w.days_rated
                )
            ]
            if base.n:
                facts.append(
                    _e(
                        tr("baseline mean {mean} over {days} (spread ± {sd})").format(
                            mean=_num(base.mean), days=baseline_days_text(base.n), sd=_num(base.sd)
                        )
                    )
                )
            else:
                facts.append(_e(tr("baseline not yet mapped")))
            if w.overlap:
                facts.append(f"<b>{_e(tr('overlaps the baseline'))}</b>")
            name = f"chart://metric/{i}"
            image = chart_image(section, int(chart_w * 3), int(chart_w * 3 * 0.36))
            doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
            img = (
                f"<img src='{name}' width='{int(chart_w)}' height='{int(chart_w * 0.36)}' "
                "style='float: right'>"
            )
            technical = f" · {_e(nap_figure(w.nap))}" if w.nap is not None else ""
            parts.append(
                # dir: a right-to-left name must not turn the heading's line right-to-left.
                f"<h3 dir='ltr'>{_e(isolate(w.name))} <span class='muted small'>({arrow})</span></h3>"
                f"<p>{img}{_e(w.reading)}</p>"
                "<p class='small'>" + " · ".join(facts) + technical + "</p>"
                "<p style='clear: both'></p>"
            )
        legend = tr(
            "Chart: dots are the week’s daily ratings (0–10); the dashed line is the baseline mean "
            "and the grey band the baseline’s usual spread (± 1 standard deviation)."
        )
        if any(section.week.nap is not None for section in report.metrics):
            legend += " " + tr(NAP_LEGEND)
        parts.append(f"<p class='muted small'>{_e(legend)}</p>")
    # Habits
    if report.habits:
        parts.append(
            f"<h2>{_e(tr('Plasticity supports'))}</h2><table width='100%' cellspacing='0'>"
        )
        parts.append(
            _header_row(tr("Habit"), tr("This week"), tr("Against the target"), tr("Strength"))
        )
        for h in report.habits:
            parts.append(
                f"<tr><td>{_e(h.name)}</td><td>{_e(h.adherence)}</td><td>{_e(h.verdict)}</td>"
                f"<td>{pct(h.strength)}</td></tr>"
            )
        parts.append("</table>")
    # Experiments
    if report.experiments:
        parts.append(
            f"<h2>{_e(tr('Behavioural experiments'))}</h2><table width='100%' cellspacing='0'>"
        )
        parts.append(
            _header_row(
                tr("Belief tested"), tr("Belief"), tr("Prediction came true"), tr("What I learned")
            )
        )
        for x in report.experiments:
            status = "" if x.status == "done" else f" <i>({_e(x.status)})</i>"
            parts.append(
                f"<tr><td valign='top'>{_e(x.title)}{status}</td><td valign='top'>{_e(x.belief_change)}</td>"
                f"<td valign='top'>{_e(x.prediction_came_true)}</td><td valign='top'>{_e(x.learned)}</td></tr>"
            )
        parts.append("</table>")
    if report.thought_records or report.learning_sessions or report.opening:
        parts.append(f"<h2>{_e(tr('Learning'))}</h2>")
        if report.opening:
            parts.append(f"<p>{_e(report.opening)}</p>")
        for title, lines in (
            (tr("Thought records"), report.thought_records),
            (tr("Therapy and skills sessions"), report.learning_sessions),
        ):
            if lines:
                items = "".join(
                    f"<li>{_e(dates.short_date(line.day))}: {_e(isolate(line.text))}</li>"
                    for line in lines
                )
                parts.append(f"<h3>{_e(title)}</h3><ul>{items}</ul>")
    if report.needle:
        parts.append(f"<h2>{_e(tr('What seems to move the needle (associations)'))}</h2>")
        parts.append(f"<p class='muted small'>{_e(tr(NEEDLE_INTRO))}</p><ul>")
        parts.extend(
            f"<li>{_e(s.reading)} <span class='muted small'>({_e(nap_figure(s.nap))})</span></li>"
            for s in report.needle[:NEEDLE_SHOWN]
        )
        parts.append("</ul>")
    if report.decisions or any(answer for _q, answer in report.reflections) or report.notes:
        parts.append(f"<h2>{_e(tr('This week’s review'))}</h2>")
        if report.decisions:
            parts.append("<table cellspacing='0'>")
            for d in report.decisions:
                label = isolate(report.decision_labels.get(d.practice, d.practice))
                note = f" · {_e(isolate(d.note))}" if d.note else ""
                parts.append(
                    f"<tr><td>{_e(label)}</td><td><b>{d.decision.label}</b>{note}</td></tr>"
                )
            parts.append("</table>")
        for question, answer in report.reflections:
            if answer:
                parts.append(f"<p><b>{_e(question)}</b><br>{_e(answer)}</p>")
        if report.notes:
            parts.append(f"<p><b>{_e(tr('Notes'))}</b><br>{_e(report.notes)}</p>")
    elif not report.reviewed:
        parts.append(
            f"<p class='muted'>{_e(tr('No review has been written for this week yet.'))}</p>"
        )
    doc.setHtml("".join(parts))
    return doc


LAYOUT_DPI = 96


def paint(report: WeekReport, device: QPagedPaintDevice) -> int:
    """Lay the summary out on ``device`` page by page; return the number of pages.

    The document is laid out at a fixed 96 dpi (so the same summary looks the same on every
    machine and printer) and the painter scales it to the device's resolution.
    """
    dpi = device.logicalDpiY() or PDF_DPI
    scale = dpi / LAYOUT_DPI
    rect = device.pageLayout().paintRectPixels(dpi)
    width = rect.width() / scale
    height = rect.height() / scale
    footer_h = LAYOUT_DPI * 0.45
    reference = QImage(1, 1, QImage.Format.Format_ARGB32)
    dots_per_meter = round(LAYOUT_DPI / 0.0254)
    reference.setDotsPerMeterX(dots_per_meter)
    reference.setDotsPerMeterY(dots_per_meter)
    doc = build_document(report, width)
    doc.documentLayout().setPaintDevice(reference)
    doc.setPageSize(QSizeF(width, height - footer_h))
    pages = max(1, doc.pageCount())
    page_h = height - footer_h
    painter = QPainter(device)
    try:
        painter.scale(scale, scale)
        small = QFont()
        small.setPixelSize(10)
        for page in range(pages):
            if page:
                device.newPage()
            painter.save()
            painter.translate(0, -page * page_h)
            doc.drawContents(painter, QRectF(0, page * page_h, width, page_h))
            painter.restore()
            painter.setFont(small)
            painter.setPen(QColor(60, 60, 60))
            footer = QRectF(0, height - footer_h * 0.8, width, footer_h * 0.8)
            painter.drawLine(QPointF(0, footer.top()), QPointF(width, footer.top()))
            painter.drawText(
                footer.adjusted(0, 4, -90, 0),
                int(
                    Qt.AlignmentFlag.AlignLeft
                    | Qt.AlignmentFlag.AlignTop
                    | Qt.TextFlag.TextWordWrap
                ),
                tr(DISCLAIMER),
            )
            painter.drawText(
                footer.adjusted(0, 4, 0, 0),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop),
                tr("Page {page} of {pages}").format(page=page + 1, pages=pages),
            )
        return pages
    finally:
        painter.end()


class SummaryWriteError(UserError):
    """The PDF could not be written; the message says why in plain words."""


def write_pdf(report: WeekReport, path: Path, page_size: QPageSize | None = None) -> int:
    """Write the summary as a PDF; raise SummaryWriteError with a plain message if it can't."""
    path = Path(path)
    if path.is_dir():
        raise SummaryWriteError(
            tr("{path} is a folder. Give a file name, for example summary.pdf.").format(path=path)
        )
    if not path.parent.is_dir():
        raise SummaryWriteError(
            tr("The folder {folder} does not exist.").format(folder=path.parent)
        )
    # Painted into memory first, then written whole (0600) or not at all: a full disk leaves
    # no empty or truncated PDF behind, and says so.
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(PDF_DPI)
    writer.setTitle(f"Plasticity Journal: {report.title}")
    writer.setCreator("Plasticity Journal")
    writer.setPageLayout(
        QPageLayout(
            page_size or default_page_size(),
            QPageLayout.Orientation.Portrait,
            QMarginsF(16, 14, 16, 12),
            QPageLayout.Unit.Millimeter,
        )
    )
    pages = paint(report, writer)
    del writer  # finishes the document
    data = bytes(buffer.data().data())
    buffer.close()
    try:
        write_private_file(path, data)
    except UserError as exc:
        raise SummaryWriteError(exc.message) from exc
    except OSError as exc:
        raise SummaryWriteError(
            tr("Can’t write {path}: {reason}.").format(path=path, reason=exc.strerror or exc)
        ) from exc
    return pages
