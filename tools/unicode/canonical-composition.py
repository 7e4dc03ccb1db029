"""Writes src/Command.Domain/Text/CanonicalComposition.txt, the Unicode data CanonicalComposition needs.

The hosts run with invariant globalization, where .NET does no Unicode normalization, so the product composes names
itself from this table: the canonical decompositions and combining classes of the Basic Multilingual Plane (a user name
holds no character beyond it). Run with the Python whose Unicode version the table should follow:

    python3 tools/unicode/canonical-composition.py > src/Command.Domain/Text/CanonicalComposition.txt
"""
import unicodedata

print(f"# Canonical decompositions and combining classes of the BMP, Unicode {unicodedata.unidata_version}.")
print("# Made by tools/unicode/canonical-composition.py; do not edit by hand.")
print("# d composite first [second] [x: never composed again]")
for cp in range(0x10000):
    if 0xD800 <= cp <= 0xDFFF or 0xAC00 <= cp <= 0xD7A3:
        continue  # surrogates; Hangul syllables are composed by rule
    d = unicodedata.decomposition(chr(cp))
    if not d or d.startswith("<"):
        continue
    parts = [int(p, 16) for p in d.split()]
    if any(p > 0xFFFF for p in parts):
        continue
    excluded = len(parts) == 1 or unicodedata.normalize("NFC", chr(cp)) != chr(cp)
    print("d " + " ".join(f"{p:04X}" for p in [cp] + parts) + (" x" if excluded else ""))
print("# c first last class")
start, last, cls = None, None, 0
for cp in range(0x10000 + 1):
    c = unicodedata.combining(chr(cp)) if cp < 0x10000 and not 0xD800 <= cp <= 0xDFFF else 0
    if start is not None and (c != cls or cp != last + 1):
        print(f"c {start:04X} {last:04X} {cls}")
        start = None
    if c and start is None:
        start, cls = cp, c
    if c:
        last = cp
