"""Render a text export into a PDF, the way an ente's office software prints a plan.

For the converter's tests only: the sample PDFs are generated inside the test session, never
committed. A text export (one line per text line, TAB-separated table cells) becomes:

* each run of consecutive lines with TABs and the same number of cells: one ruled table
  (every cell framed). Columns are sized from their content, so long cells wrap inside their
  cell; a table that does not fit continues on the next page (rows in order, no repeated
  header); a row never splits unless it is taller than a whole page;
* tables of ``landscape_min_cols`` columns or more are printed on landscape pages, everything
  else on portrait pages;
* every other line: a paragraph, wrapped at the page width;
* two fonts: a serif for paragraphs, a sans-serif for tables, each with its bold;
* the export's debris is printed as the PDF shows it, not as characters: ``<b>``/``**`` bold,
  ``## heading`` a bold heading, other HTML tags and ``*emphasis*`` markers dropped, markdown
  table separators (``--<TAB>---``) not printed at all.

A figure wider than its cell breaks after a thousands dot or the decimal comma, as office
software does (``4.545.`` / ``933,00``); ``number_min_ratio`` below 1 lets number columns get
narrow enough for that to happen.

Also here: :func:`render_scanned_pdf` (an image-only PDF, as a scanner makes) and
password-protected output (``user_password``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
)
FONT_FILES = {
    "Serif": "DejaVuSerif.ttf",
    "Serif-Bold": "DejaVuSerif-Bold.ttf",
    "Sans": "DejaVuSans.ttf",
    "Sans-Bold": "DejaVuSans-Bold.ttf",
}

_MD_SEPARATOR = re.compile(r"^[\s|:\-]*-[\s|:\-]*$")
_TAG = re.compile(r"</?(b|strong|i|em|u|br|ul|li|span)\b[^>]*>", re.IGNORECASE)
_BOLD_TAG = re.compile(r"</?(b|strong)\b[^>]*>|\*\*", re.IGNORECASE)
_EMPHASIS = re.compile(r"(?<![*\w])\*([^*\s][^*]*?)\*(?![*\w])")
_NUMBER = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,\d+)?%?$|^[+-]?\d+,\d+%?$")
_HEADING = re.compile(r"^#{1,6}\s+")
_BREAK_AFTER = ".,/-_"


def font_path(name: str) -> Path:
    for d in FONT_DIRS:
        p = d / FONT_FILES[name]
        if p.exists():
            return p
    raise FileNotFoundError(f"font {FONT_FILES[name]} not found (Debian: fonts-dejavu-core)")


def register_fonts() -> None:
    for name in FONT_FILES:
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(font_path(name))))


@dataclass(frozen=True)
class PdfStyle:
    page_size: tuple[float, float] = A4
    margin: float = 40.0
    body_size: float = 10.0
    heading_size: float = 11.5
    table_size: float = 8.0
    cell_padding: float = 3.0
    landscape_min_cols: int = 7  # 0: every page portrait
    number_min_ratio: float = 1.0  # < 1: figures may break inside narrow number columns
    footer: bool = False  # the page number at the foot of every page
    keep_wrap_spaces: bool = True  # False: a line wrapped at a space ends without it
    space_glyphs: bool = True  # False: no space characters, words placed apart


@dataclass
class RenderStats:
    pages: int = 0
    landscape_pages: int = 0
    tables: int = 0
    rows: int = 0
    wrapped_cells: int = 0
    broken_numbers: list[str] = field(default_factory=list)
    split_rows: int = 0
    tables_across_pages: int = 0
    paragraphs: int = 0
    wrapped_paragraphs: int = 0
    dropped_separators: int = 0


@dataclass
class _Token:
    text: str
    bold: bool
    space_before: bool


# --- markup -> tokens -------------------------------------------------------------------


def _tokens(text: str, bold: bool = False) -> list[_Token]:
    """Visible words of a line (or cell), with their weight; markup consumed."""
    text = _EMPHASIS.sub(r"\1", text)
    out: list[_Token] = []
    pos = 0
    pending_space = False
    parts: list[tuple[str, bool]] = []
    for m in _BOLD_TAG.finditer(text):
        parts.append((text[pos : m.start()], bold))
        tag = m.group(0)
        bold = not tag.startswith("</") if tag != "**" else not bold
        pos = m.end()
    parts.append((text[pos:], bold))
    for k, (chunk, is_bold) in enumerate(parts):
        chunk = _TAG.sub("", chunk).replace("\u00a0", " ")
        # words the export glued across a bold marker ("miglioramento**2021_OB") are
        # separate text elements in the PDF: printed apart
        pending_space = pending_space or k > 0
        if not chunk:
            continue
        words = chunk.split(" ")
        for i, w in enumerate(words):
            if i > 0:
                pending_space = True
            if not w:
                continue
            if out and not pending_space:
                out[-1].text += w
            else:
                out.append(_Token(w, is_bold, pending_space and bool(out)))
            pending_space = False
    return out


# --- measuring and wrapping -------------------------------------------------------------


def _font(family: str, bold: bool) -> str:
    return f"{family}-Bold" if bold else family


def _width(tok: _Token, family: str, size: float) -> float:
    return pdfmetrics.stringWidth(tok.text, _font(family, tok.bold), size)


def _space(family: str, size: float) -> float:
    return pdfmetrics.stringWidth(" ", family, size)


def _break_token(tok: _Token, family: str, size: float, width: float) -> tuple[str, str]:
    """Split a word wider than ``width``: after the last . , / - _ that fits, else anywhere."""
    font = _font(family, tok.bold)
    fit = 1
    while fit < len(tok.text) and pdfmetrics.stringWidth(tok.text[: fit + 1], font, size) <= width:
        fit += 1
    cut = max((i + 1 for i in range(fit) if tok.text[i] in _BREAK_AFTER), default=0)
    if cut == 0 or cut >= len(tok.text):
        cut = fit
    return tok.text[:cut], tok.text[cut:]


def wrap(
    tokens: list[_Token], family: str, size: float, width: float, stats: RenderStats | None = None
) -> list[list[_Token]]:
    """Greedy line breaking; each line ends where the next word does not fit."""
    lines: list[list[_Token]] = []
    line: list[_Token] = []
    used = 0.0
    queue = list(tokens)
    while queue:
        tok = queue.pop(0)
        w = _width(tok, family, size)
        gap = _space(family, size) if (line and tok.space_before) else 0.0
        if used + gap + w <= width:
            line.append(tok)
            used += gap + w
            continue
        if line and tok.space_before:
            lines.append(line)
            line, used = [], 0.0
            queue.insert(0, tok)
            continue
        # a word (or a word glued to the previous one) wider than the room left
        room = width - used - gap
        head, tail = _break_token(tok, family, size, room if line else width)
        if line and pdfmetrics.stringWidth(head, _font(family, tok.bold), size) > room:
            lines.append(line)
            line, used = [], 0.0
            queue.insert(0, _Token(tok.text, tok.bold, False))
            continue
        if stats is not None and _NUMBER.match(tok.text.rstrip("%").strip()):
            stats.broken_numbers.append(tok.text)
        line.append(_Token(head, tok.bold, tok.space_before))
        lines.append(line)
        line, used = [], 0.0
        if tail:
            queue.insert(0, _Token(tail, tok.bold, False))
    if line:
        lines.append(line)
    return lines


def _draw_line(
    c: canvas.Canvas,
    line: list[_Token],
    family: str,
    size: float,
    x: float,
    y: float,
    at_space: bool,
    space_glyphs: bool = True,
) -> None:
    """Draw one line; spaces are real characters (or, without ``space_glyphs``, only room
    between words, as many producers write them), and a line wrapped at a space keeps it."""
    segments: list[tuple[str, bool]] = []
    for i, tok in enumerate(line):
        text = (" " if tok.space_before and i else "") + tok.text
        if segments and segments[-1][1] == tok.bold:
            segments[-1] = (segments[-1][0] + text, tok.bold)
        else:
            segments.append((text, tok.bold))
    if at_space and segments:
        segments[-1] = (segments[-1][0] + " ", segments[-1][1])
    for text, bold in segments:
        font = _font(family, bold)
        # a glyph the font lacks (e.g. a dingbat in the serif) comes from the sans-serif
        for run, f in _font_runs(text, font, _font("Sans", bold)):
            c.setFont(f, size)
            for piece in [run] if space_glyphs else re.split("( )", run):
                if piece.strip():
                    c.drawString(x, y, piece)
                x += pdfmetrics.stringWidth(piece, f, size)


def _font_runs(text: str, font: str, fallback: str) -> list[tuple[str, str]]:
    runs: list[tuple[str, str]] = []
    for ch in text:
        f = font if ch == " " or _covered(font, ch) else fallback
        if runs and runs[-1][1] == f:
            runs[-1] = (runs[-1][0] + ch, f)
        else:
            runs.append((ch, f))
    return runs


def _wrapped_at_space(lines: list[list[_Token]]) -> list[bool]:
    """Whether each line was wrapped at a space (office software keeps that space)."""
    return [i + 1 < len(lines) and lines[i + 1][0].space_before for i in range(len(lines))]


def _covered(font: str, ch: str) -> bool:
    return ord(ch) in pdfmetrics.getFont(font).face.charToGlyph


# --- the renderer -----------------------------------------------------------------------


class _Renderer:
    def __init__(self, path: Path, style: PdfStyle, encrypt: object | None) -> None:
        register_fonts()
        self.style = style
        self.c = canvas.Canvas(
            str(path), pagesize=style.page_size, encrypt=encrypt, pageCompression=1
        )
        self.c.setTitle(path.stem)
        self.c.setAuthor("tests/pdfgen.py")
        self.stats = RenderStats()
        self.is_landscape = False
        self.page_open = False
        self.page_empty = True
        self.width, self.height = style.page_size
        self.y = 0.0

    # pages
    def _size(self, wide: bool) -> tuple[float, float]:
        return landscape(self.style.page_size) if wide else self.style.page_size

    def new_page(self, wide: bool = False) -> None:
        if self.page_open:
            self._footer()
            self.c.showPage()
        self.width, self.height = self._size(wide)
        self.c.setPageSize((self.width, self.height))
        self.is_landscape = wide
        self.y = self.height - self.style.margin
        self.page_open = True
        self.page_empty = True
        self.stats.pages += 1
        self.stats.landscape_pages += int(wide)

    def _footer(self) -> None:
        if self.style.footer:
            self.c.setFont("Sans", 8)
            self.c.drawCentredString(self.width / 2, self.style.margin / 2, str(self.stats.pages))

    def _bottom(self) -> float:
        return self.style.margin

    def room(self, h: float, wide: bool | None = None) -> None:
        """Make sure ``h`` points fit below the cursor (on a page of the wanted width)."""
        if not self.page_open:
            self.new_page(bool(wide))
        elif wide is not None and wide != self.is_landscape and wide:
            if self.page_empty:
                self.width, self.height = self._size(True)
                self.c.setPageSize((self.width, self.height))
                self.stats.landscape_pages += 1
                self.is_landscape = True
                self.y = self.height - self.style.margin
            else:
                self.new_page(True)
        if self.y - h < self._bottom():
            self.new_page(bool(wide) if wide is not None else False)

    def finish(self) -> RenderStats:
        if self.page_open:
            self._footer()
            self.c.showPage()
        self.c.save()
        return self.stats

    # paragraphs
    def blank(self) -> None:
        if self.page_open and not self.page_empty:
            self.y -= self.style.body_size * 0.8

    def paragraph(self, text: str) -> None:
        s = self.style
        heading = bool(_HEADING.match(text))
        size = s.heading_size if heading else s.body_size
        tokens = _tokens(_HEADING.sub("", text), bold=heading)
        if not tokens:
            self.blank()
            return
        leading = size * 1.25
        self.stats.paragraphs += 1
        first = True
        while tokens:
            self.room(leading)
            width = self.width - 2 * s.margin
            lines = wrap(tokens, "Serif", size, width)
            line = lines[0]
            self.stats.wrapped_paragraphs += int(first and len(lines) > 1)
            at_space = len(lines) > 1 and lines[1][0].space_before and s.keep_wrap_spaces
            _draw_line(
                self.c, line, "Serif", size, s.margin, self.y - size, at_space, s.space_glyphs
            )
            self.y -= leading
            self.page_empty = False
            first = False
            tokens = [t for ln in lines[1:] for t in ln]
        self.y -= size * 0.5

    # tables
    def table(self, rows: list[list[str]]) -> None:
        s = self.style
        ncols = len(rows[0])
        wide = bool(s.landscape_min_cols) and ncols >= s.landscape_min_cols
        avail = self._size(wide)[0] - 2 * s.margin
        size, pad = s.table_size, s.cell_padding
        leading = size * 1.2
        cells = [[_tokens(c) for c in row] for row in rows]
        widths = _column_widths(cells, avail, size, pad, s.number_min_ratio)
        self.stats.tables += 1
        self.room(leading + 2 * pad + 6, wide)
        self.y -= 4
        first_page = None
        for row in cells:
            wrapped = [
                wrap(toks, "Sans", size, w - 2 * pad, self.stats)
                for toks, w in zip(row, widths, strict=True)
            ]
            self.stats.rows += 1
            self.stats.wrapped_cells += sum(len(w) > 1 for w in wrapped)
            self._row(wrapped, widths, wide, size, leading, pad)
            first_page = first_page or self.stats.pages
        self.stats.tables_across_pages += int(first_page != self.stats.pages)
        self.y -= 6

    def _row(
        self,
        wrapped: list[list[list[_Token]]],
        widths: list[float],
        wide: bool,
        size: float,
        leading: float,
        pad: float,
    ) -> None:
        s = self.style
        n_lines = max(1, *(len(w) for w in wrapped))
        height = n_lines * leading + 2 * pad
        full = self._size(wide)[1] - 2 * s.margin
        if height > full:  # taller than a page: split it at a line (as office software does)
            self.stats.split_rows += 1
        self.room(min(height, full), wide)
        first = 0
        while first < n_lines:
            fit = max(1, int((self.y - self._bottom() - 2 * pad) // leading))
            last = min(n_lines, first + fit)
            h = (last - first) * leading + 2 * pad
            x = s.margin
            for lines, w in zip(wrapped, widths, strict=True):
                self.c.setLineWidth(0.6)
                self.c.rect(x, self.y - h, w, h, stroke=1, fill=0)
                ends = [e and s.keep_wrap_spaces for e in _wrapped_at_space(lines)]
                for i in range(first, min(last, len(lines))):
                    base = self.y - pad - size - (i - first) * leading + 1
                    _draw_line(
                        self.c, lines[i], "Sans", size, x + pad, base, ends[i], s.space_glyphs
                    )
                x += w
            self.y -= h
            self.page_empty = False
            first = last
            if first < n_lines:
                self.new_page(wide)


def _column_widths(
    cells: list[list[list[_Token]]], avail: float, size: float, pad: float, number_ratio: float
) -> list[float]:
    """Auto layout: every column gets its longest word, the rest is shared by need."""
    ncols = len(cells[0])
    natural = [2 * pad + 10.0] * ncols
    minimum = [2 * pad + 10.0] * ncols
    space = _space("Sans", size)
    for row in cells:
        for j, toks in enumerate(row):
            if not toks:
                continue
            line = sum(_width(t, "Sans", size) for t in toks) + space * sum(
                t.space_before for t in toks
            )
            natural[j] = max(natural[j], 2 * pad + line)
            for t in toks:
                w = _width(t, "Sans", size)
                if number_ratio < 1 and _NUMBER.match(t.text):
                    w *= number_ratio
                minimum[j] = max(minimum[j], 2 * pad + min(w, 110.0))
    if sum(minimum) >= avail:
        return [m * avail / sum(minimum) for m in minimum]
    if sum(natural) <= avail:
        return [n * avail / sum(natural) for n in natural]
    extra = avail - sum(minimum)
    need = [n - m for n, m in zip(natural, minimum, strict=True)]
    return [m + extra * d / sum(need) for m, d in zip(minimum, need, strict=True)]


# One printing per sample, so that between them every case of a real PDF occurs.
SAMPLE_STYLES = {
    # wide tables on landscape pages, the rest portrait
    "000_e3700703ee819e5c": PdfStyle(),
    # everything portrait (narrow cells wrap more); a producer that drops the space it wraps at
    "001_873564630502075e": PdfStyle(landscape_min_cols=0, keep_wrap_spaces=False),
    # page numbers at the foot; words placed apart with no space characters at all
    "002_142f2b20942e7c60": PdfStyle(footer=True, keep_wrap_spaces=False, space_glyphs=False),
    # narrow figure columns: amounts break inside their cell ("4.545." / "933,00")
    "003_51402a20550dfbf2": PdfStyle(number_min_ratio=0.6, footer=True),
    # six-column tables already landscape
    "004_b40c0b7f81374021": PdfStyle(landscape_min_cols=6),
}


def render_samples(raw_dir: Path, out_dir: Path) -> dict[str, Path]:
    """The five samples of ``raw_dir`` as PDFs in ``out_dir``, with a manifest.csv whose
    lines name the PDFs."""
    out_dir.mkdir(parents=True, exist_ok=True)
    pdfs = {}
    for doc_id, style in SAMPLE_STYLES.items():
        pdfs[doc_id] = out_dir / f"{doc_id}.pdf"
        text = (raw_dir / f"{doc_id}.txt").read_text(encoding="utf-8")
        stats = render_pdf(text, pdfs[doc_id], style)
        pdfs[doc_id].with_suffix(".stats").write_text(repr(stats))
    lines = (raw_dir / "manifest.csv").read_text(encoding="utf-8").splitlines()
    renamed = [ln.replace(".txt,", ".pdf,", 1) for ln in lines[1:]]
    (out_dir / "manifest.csv").write_text("\n".join([lines[0], *renamed]) + "\n")
    return pdfs


# --- entry points -----------------------------------------------------------------------


def _blocks(text: str) -> list[tuple[str, object]]:
    """('table', rows) | ('para', line) | ('blank', None) | ('separator', line)."""
    blocks: list[tuple[str, object]] = []
    for line in text.replace("\r\n", "\n").split("\n"):
        if line.strip() and _MD_SEPARATOR.match(line) and line.count("-") >= 2:
            blocks.append(("separator", line))
        elif "\t" in line:
            cells = line.split("\t")
            last = blocks[-1] if blocks else None
            if last and last[0] == "table" and len(last[1][0]) == len(cells):  # type: ignore[index]
                last[1].append(cells)  # type: ignore[union-attr]
            else:
                blocks.append(("table", [cells]))
        elif line.strip():
            blocks.append(("para", line))
        else:
            blocks.append(("blank", None))
    return blocks


def render_pdf(
    text: str,
    path: Path,
    style: PdfStyle | None = None,
    user_password: str | None = None,
    owner_password: str | None = None,
) -> RenderStats:
    """Print a text export as a PDF at ``path``; returns what was laid out."""
    encrypt = None
    if user_password is not None or owner_password is not None:
        from reportlab.lib.pdfencrypt import StandardEncryption

        encrypt = StandardEncryption(
            user_password or "", owner_password or user_password or "", strength=128
        )
    r = _Renderer(path, style or PdfStyle(), encrypt)
    for kind, payload in _blocks(text):
        if kind == "separator":
            r.stats.dropped_separators += 1
        elif kind == "table":
            r.table(payload)  # type: ignore[arg-type]
        elif kind == "para":
            r.paragraph(payload)  # type: ignore[arg-type]
        else:
            r.blank()
    if not r.page_open:
        r.new_page()
    return r.finish()


def render_scanned_pdf(text: str, path: Path, pages: int = 2) -> None:
    """An image-only PDF (a scan): the text is pixels, there is no text layer."""
    from PIL import Image, ImageDraw, ImageFont
    from reportlab.lib.utils import ImageReader

    font = ImageFont.truetype(str(font_path("Serif")), 28)
    c = canvas.Canvas(str(path), pagesize=A4)
    lines = [ln for ln in text.replace("\t", "    ").split("\n") if ln.strip()]
    per_page = max(1, len(lines) // pages + 1)
    for p in range(pages):
        img = Image.new("L", (1240, 1754), 255)
        draw = ImageDraw.Draw(img)
        for i, ln in enumerate(lines[p * per_page : (p + 1) * per_page][:45]):
            draw.text((80, 80 + i * 36), ln[:70], fill=0, font=font)
        c.drawImage(ImageReader(img), 0, 0, width=A4[0], height=A4[1])
        c.showPage()
    c.save()


def visible_text(text: str, keep_lines: bool = True) -> str:
    """The export as the PDF shows it, as text: markup and markdown debris gone, cells
    kept. With ``keep_lines`` a debris-only line becomes blank (line numbers unchanged)."""
    out: list[str] = []
    for line in text.split("\n"):
        if line.strip() and _MD_SEPARATOR.match(line) and line.count("-") >= 2:
            if keep_lines:
                out.append("")
            continue
        cells = line.split("\t")
        shown = []
        for cell in cells:
            cell = _HEADING.sub("", cell) if len(cells) == 1 else cell
            toks = _tokens(cell)
            shown.append(
                "".join((" " if t.space_before and i else "") + t.text for i, t in enumerate(toks))
            )
        out.append("\t".join(shown) if any(shown) else "")
    return "\n".join(out)
