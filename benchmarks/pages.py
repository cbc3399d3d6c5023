"""Generated Kompas-style text dumps for the benchmarks (invented words, documented layouts)."""

from __future__ import annotations

import random
from pathlib import Path

WORDS = (
    "pemerintah warga kota jalan harga pasar presiden menteri rapat kebijakan banjir hujan "
    "sekolah siswa guru rumah sakit dokter pasien polisi kasus sidang hakim jaksa partai "
    "pemilu suara calon anggaran daerah provinsi kabupaten desa petani nelayan pelabuhan "
    "bandara kereta tol kendaraan listrik energi minyak gas ekonomi inflasi bank kredit usaha"
).split()
CITIES = ("JAKARTA", "BANDUNG", "SURABAYA", "MEDAN", "MAKASSAR", "SEMARANG", "DENPASAR")
NAMES = ("Rina Ayu", "Ahmad Fajar", "Sari Wulandari", "Budi Santoso", "Dewi Lestari", "Yohanes Prasetyo")
BOILER = "Baca berita tanpa iklan. Gabung Kompas.com+"


def sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def page(i: int, rng: random.Random) -> str:
    """One dump in layout A (standard) or C (title first, `| EditorX`), about 2,000 characters."""
    day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(2015, 2024)
    hour, minute = rng.randint(0, 23), rng.randint(0, 59)
    title = " ".join(w.capitalize() for w in (rng.choice(WORDS) for _ in range(7))) + f" {i}"
    lines = []
    if i % 3:
        lines += [BOILER, "", title, "", f"Kompas.com - {day:02d}/{month:02d}/{year}, {hour:02d}:{minute:02d} WIB",
                  rng.choice(NAMES), "", "Penulis", ""]
    else:
        lines += [title, "", f"Kompas.com - {day:02d}/{month:02d}/{year}, {hour:02d}:{minute:02d} WIB",
                  "|", f"Editor{rng.choice(NAMES)}", ""]
    lines.append(f"{rng.choice(CITIES)}, KOMPAS.com - {sentence(rng, 25)}")
    lines.append("")
    for p in range(8):
        lines.append(sentence(rng, rng.randint(15, 30)))
        lines.append("")
        if p == 3:
            lines += [f"Baca juga: {sentence(rng, 6)[:-1]}", ""]
    return "\n".join(lines)[:2000]


def generate(folder: Path, count: int, seed: int = 7) -> list[Path]:
    """Write ``count`` pages into ``folder`` (reused when already there); return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    paths = []
    for i in range(count):
        path = folder / f"{i:06d}.txt"
        text = page(i, rng)
        if not path.exists():
            path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
