"""Time and peak memory of ``warta parse`` on hostile compressed and archived inputs.

    python benchmarks/loader_limits.py [--keep DIR]

Builds, in a temporary folder (or DIR), inputs that cost the loader more than their size:
gzip bombs (290 MiB and 1 GiB of zeros in 0.3 and 1 MB), a gzip of 10 MB of empty members,
a gzip of 60 MiB of text, a Chrome-like MHTML archive of 43 MB (the HTML part among 30 MiB
of base64 images), an MHTML of 300,000 tiny parts, and one nested 1,000 multiparts deep.
Each runs through ``warta parse`` under ``/usr/bin/time``; prints the seconds, the peak
resident memory and the first line of the error. A start-up of ``warta parse`` on a
small page is printed first: the rest is what the input adds to it.

Figures of issue 9 (2-core machine, loaded): before the streaming loader the 290 MiB bomb
took 2.1 s and 642 MB, the 1 GiB bomb 7.1 s and 2.1 GB, the 43 MB archive 2.9 s and
345 MB; after, the bombs stop at the 50 MiB limit in 0.7 s and about 100 MB (55 MB of it
the interpreter and its libraries), the archive 1.2 s and 90 MB.
"""

from __future__ import annotations

import argparse
import base64
import os
import shutil
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

MIB = 1024 * 1024
WARTA = Path(sys.executable).parent / "warta"


def gzip_of(path: Path, blocks, count: int) -> None:
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    with open(path, "wb") as out:
        for _ in range(count):
            out.write(packer.compress(blocks))
        out.write(packer.flush())


def chrome_mhtml(path: Path, image_mib: int) -> None:
    head = (b"From: <Saved by Blink>\r\nSnapshot-Content-Location: https://news.example.co.id/a\r\n"
            b"Subject: x\r\nDate: Tue, 5 Mar 2024 03:11:12 -0000\r\nMIME-Version: 1.0\r\n"
            b'Content-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="----B----"\r\n\r\n\r\n')
    html = (b"------B----\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: quoted-printable\r\n"
            b"Content-Location: https://news.example.co.id/a\r\n\r\n<html><head><meta charset=3D\"utf-8\">"
            b"<title>Judul</title></head><body><p>Isi berita.</p></body></html>\r\n")
    image = base64.encodebytes(os.urandom(MIB)).replace(b"\n", b"\r\n")
    with open(path, "wb") as out:
        out.write(head + html)
        for number in range(image_mib):
            out.write(b"------B----\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n"
                      b"Content-Location: https://x/%d.png\r\n\r\n" % number + image)
        out.write(b"------B------\r\n")


def wide_mhtml(path: Path, parts: int) -> None:
    part = b"--B\r\nContent-Type: image/gif\r\nContent-Transfer-Encoding: base64\r\n\r\nR0lGODlh\r\n"
    path.write_bytes(b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="B"\r\n\r\n'
                     + part * parts + b"--B\r\nContent-Type: text/html\r\n\r\n<p>x</p>\r\n--B--\r\n")


def deep_mhtml(path: Path, depth: int) -> None:
    parts = ['MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b0"\r\n\r\n']
    parts += [f'--b{i - 1}\r\nContent-Type: multipart/related; boundary="b{i}"\r\n\r\n' for i in range(1, depth)]
    parts.append(f"--b{depth - 1}\r\nContent-Type: text/html\r\n\r\n<p>x</p>\r\n")
    parts += [f"--b{i}--\r\n" for i in reversed(range(depth))]
    path.write_text("".join(parts), encoding="ascii")


def build(folder: Path) -> list[Path]:
    made = []

    def name(file: str) -> Path:
        made.append(folder / file)
        return folder / file

    name("small.html").write_text("<html><head><title>Judul</title></head><body><p>Isi.</p></body></html>")
    gzip_of(name("bomb-290MiB.txt.gz"), b"\0" * MIB, 290)
    gzip_of(name("bomb-1GiB.txt.gz"), b"\0" * MIB, 1024)
    gzip_of(name("text-60MiB.txt.gz"), b"Harga cabai naik tajam menjelang hari raya.\n" * (MIB // 44), 62)
    empty = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    member = empty.compress(b"") + empty.flush()
    name("members-10MB.txt.gz").write_bytes(member * (10 * MIB // len(member)))
    chrome_mhtml(name("chrome-43MB.mhtml"), 30)
    wide_mhtml(name("parts-300k.mhtml"), 300_000)
    deep_mhtml(name("deep-1000.mhtml"), 1000)
    return made


def run(path: Path) -> str:
    done = subprocess.run(["/usr/bin/time", "-f", "%e s %M KB", str(WARTA), "parse", "-q", path.name],
                          capture_output=True, text=True, cwd=path.parent)
    lines = done.stderr.strip().splitlines()
    figures = lines[-1] if lines else "?"
    message = next((line for line in lines[:-1] if line.startswith(path.name)), "converted")
    return f"{path.name:22} {path.stat().st_size / MIB:8.2f} MB  {figures:>18}  {message}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="build the inputs in this folder and keep them")
    args = parser.parse_args()
    if not Path("/usr/bin/time").exists():
        sys.exit("needs /usr/bin/time (GNU time)")
    folder = args.keep or Path(tempfile.mkdtemp(prefix="warta-limits-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        for path in build(folder):
            print(run(path), flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(folder)


if __name__ == "__main__":
    main()
