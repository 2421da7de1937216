#!/usr/bin/env python3
"""Prints the range tables of src/text_width.cpp from Python's unicodedata.

Two cells: East Asian Wide and Fullwidth (every Emoji_Presentation character is one of them).
No cell: combining marks (Mn, Me), format characters (Cf: ZWJ, variation selectors, ...) and
the Hangul medial and final jamo, which join the syllable before them. Unassigned code points
inside a run are absorbed into it so the table stays short and later additions to a block get
the block's width.
"""
import unicodedata as ud


def runs(member):
    out, start, last = [], None, None
    for cp in range(0x110000):
        if 0xD800 <= cp <= 0xDFFF:
            kind = None
        else:
            c = chr(cp)
            kind = "in" if member(c) else ("gap" if ud.category(c) == "Cn" else None)
        if kind == "in":
            if start is None:
                start = cp
            last = cp
        elif kind is None and start is not None:
            out.append((start, last))
            start = None
    if start is not None:
        out.append((start, last))
    return out


def table(name, ranges):
    print(f"constexpr cp_range {name}[] = {{")
    line = " "
    for lo, hi in ranges:
        item = f" {{0x{lo:X}, 0x{hi:X}}},"
        if len(line) + len(item) > 110:
            print(line)
            line = " "
        line += item
    print(line)
    print("};")


wide = runs(lambda c: ud.category(c) != "Cn" and ud.east_asian_width(c) in "WF")
zero = runs(lambda c: ud.category(c) in ("Mn", "Me") or (ud.category(c) == "Cf" and c != "\u00ad")
            or 0x1160 <= ord(c) <= 0x11FF or 0xD7B0 <= ord(c) <= 0xD7FF)
print(f"// Unicode {ud.unidata_version}: {len(wide)} wide ranges, {len(zero)} zero-width ranges.")
table("wide_ranges", wide)
table("zero_width_ranges", zero)
