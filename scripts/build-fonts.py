#!/usr/bin/python3
"""Build the app's fonts from Debian's font packages (never committed):

  latin.ttf       DejaVu Sans, Latin and punctuation               (fonts-dejavu-core)
  cjk-common.ttf  Droid Sans Fallback cut to GB 2312 level 1 plus   (fonts-droid-fallback)
                  every character of the given text files (catalogs, townships):
                  small, so the first frame comes fast
  cjk-full.ttf    the whole Droid Sans Fallback, loaded after the first frame so that
                  rare characters in people's names render

Runs with Debian's python3 (python3-fonttools). Usage: build-fonts.py --out DIR --text FILE...
"""
import argparse
import os
import shutil
import subprocess
import sys

LATIN = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
CJK = "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"
LATIN_RANGES = "U+0020-007E,U+00A0-017F,U+2000-206F,U+20AC,U+2190-2193,U+2212,U+2713,U+2717,U+25B2-25BC"
CJK_RANGES = "U+3000-303F,U+FF00-FFEF,U+2014,U+2018-201D,U+2026,U+00B7"


def gb2312_level1():
    """The 3,755 most common hanzi (GB 2312 rows 16-55)."""
    chars = []
    for hi in range(0xB0, 0xD8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.append(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return chars


def subset(src, out, text_file, unicodes):
    cmd = [sys.executable, "-m", "fontTools.subset", src, "--no-hinting", "--desubroutinize",
           "--layout-features=*", f"--output-file={out}", f"--unicodes={unicodes}"]
    if text_file:
        cmd.append(f"--text-file={text_file}")
    subprocess.run(cmd, check=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--text", action="append", default=[])
    a = ap.parse_args()
    for f in (LATIN, CJK):
        if not os.path.exists(f):
            sys.exit(f"build-fonts: {f} is missing (install fonts-dejavu-core and fonts-droid-fallback)")
    os.makedirs(a.out, exist_ok=True)
    chars = set(gb2312_level1())
    for path in a.text:
        with open(path, encoding="utf-8") as fh:
            chars.update(c for c in fh.read() if ord(c) > 0x2E7F)
    text_file = os.path.join(a.out, "cjk-common.chars.txt")
    with open(text_file, "w", encoding="utf-8") as fh:
        fh.write("".join(sorted(chars)))
    subset(LATIN, os.path.join(a.out, "latin.ttf"), None, LATIN_RANGES)
    subset(CJK, os.path.join(a.out, "cjk-common.ttf"), text_file, CJK_RANGES)
    os.remove(text_file)
    shutil.copyfile(CJK, os.path.join(a.out, "cjk-full.ttf"))
    for name in ("latin.ttf", "cjk-common.ttf", "cjk-full.ttf"):
        print(f"build-fonts: {name} {os.path.getsize(os.path.join(a.out, name)) // 1024} KiB")


if __name__ == "__main__":
    main()
