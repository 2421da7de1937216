#!/usr/bin/env python3
"""Turns a terminal capture (text with ANSI SGR colours) into an SVG picture for the docs.

    build/logmoji --color always FILE | docs/tools/ansi_to_svg.py --title 'logmoji FILE' > out.svg

Every run of text is placed at its terminal column, so emoji (two columns wide) cannot shift
the text after them whatever width the viewer's font gives them. Handles the SGR codes logmoji
writes: reset, bold, dim, italic, underline, 30-37, 90-97, 38;5;N and 38;2;R;G;B foregrounds;
backgrounds are left out.
"""
import argparse, html, re, sys, unicodedata

CELL_W, CELL_H, PAD = 8.4, 18, 14
BASIC = ["#2e3436", "#ef2929", "#8ae234", "#fce94f", "#729fcf", "#ad7fa8", "#34e2e2", "#d3d7cf"]
BRIGHT = ["#555753", "#ff6b6b", "#b5f27a", "#fff47a", "#9cc3ff", "#d6a8d1", "#7ff7f7", "#eeeeec"]
FOREGROUND, BACKGROUND = "#d3d7cf", "#1e1f22"
SGR = re.compile(r"\x1b\[([0-9;]*)m")


def cube(n):
    if n < 16:
        return (BASIC + BRIGHT)[n]
    if n >= 232:
        v = 8 + 10 * (n - 232)
        return f"#{v:02x}{v:02x}{v:02x}"
    n -= 16
    steps = [0, 95, 135, 175, 215, 255]
    return "#%02x%02x%02x" % (steps[n // 36], steps[n // 6 % 6], steps[n % 6])


def apply(style, params):
    codes = [int(p) if p else 0 for p in params.split(";")]
    i = 0
    while i < len(codes):
        c = codes[i]
        if c == 0:
            style.clear()
        elif c in (1, 2, 3, 4):
            style[{1: "bold", 2: "dim", 3: "italic", 4: "underline"}[c]] = True
        elif 30 <= c <= 37:
            style["fg"] = BASIC[c - 30]
        elif 90 <= c <= 97:
            style["fg"] = BRIGHT[c - 90]
        elif c == 38 and i + 2 < len(codes) and codes[i + 1] == 5:
            style["fg"] = cube(codes[i + 2])
            i += 2
        elif c == 38 and i + 4 < len(codes) and codes[i + 1] == 2:
            style["fg"] = "#%02x%02x%02x" % tuple(codes[i + 2:i + 5])
            i += 4
        i += 1


def width(ch):
    if unicodedata.combining(ch) or ch in "\u200d\ufe0f\ufe0e":
        return 0
    cp = ord(ch)
    if unicodedata.east_asian_width(ch) in "WF" or 0x1F000 <= cp <= 0x1FAFF or 0x2600 <= cp <= 0x27BF:
        return 2
    return 1


def runs(line):
    """(column, text, style) pieces; a wide character is a piece of its own."""
    style, col, pieces, pos = {}, 0, [], 0
    for m in list(SGR.finditer(line)) + [None]:
        text = line[pos:m.start() if m else len(line)]
        current = []
        for ch in text:
            w = width(ch)
            if w == 2:
                if current:
                    pieces.append((col - len(current), "".join(current), dict(style)))
                    current = []
                pieces.append((col, ch, dict(style)))
            elif w == 0 and pieces and not current:
                col0, t, s = pieces[-1]
                pieces[-1] = (col0, t + ch, s)
            else:
                current.append(ch)
            col += w
        if current:
            pieces.append((col - len(current), "".join(current), dict(style)))
        if m:
            apply(style, m.group(1))
            pos = m.end()
    return pieces, col


def tspan(col, text, style):
    attrs = [f'x="{PAD + col * CELL_W:.1f}"', f'fill="{style.get("fg", FOREGROUND)}"']
    if style.get("bold"):
        attrs.append('font-weight="bold"')
    if style.get("dim"):
        attrs.append('opacity="0.6"')
    if style.get("italic"):
        attrs.append('font-style="italic"')
    if style.get("underline"):
        attrs.append('text-decoration="underline"')
    return f'<tspan {" ".join(attrs)}>{html.escape(text)}</tspan>'


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--title", default="", help="the command shown in the first line")
    args = ap.parse_args()
    lines = sys.stdin.read().rstrip("\n").split("\n")
    if args.title:
        lines.insert(0, "\x1b[32m$\x1b[0m " + args.title)
    rendered = [runs(l) for l in lines]
    cols = max(c for _, c in rendered)
    w, h = PAD * 2 + cols * CELL_W, PAD * 2 + len(lines) * CELL_H
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w:.0f}" height="{h:.0f}" viewBox="0 0 {w:.0f} {h:.0f}">',
           f'<rect width="100%" height="100%" rx="8" fill="{BACKGROUND}"/>',
           '<g font-family="DejaVu Sans Mono, Menlo, Consolas, monospace" font-size="14" xml:space="preserve">']
    for i, (pieces, _) in enumerate(rendered):
        y = PAD + (i + 1) * CELL_H - 5
        out.append(f'<text y="{y}">' + "".join(tspan(*p) for p in pieces) + "</text>")
    out += ["</g>", "</svg>"]
    print("\n".join(out))


if __name__ == "__main__":
    main()
