"""Makes a broken copy of an asset for lit/Robustness/aimodel.mlir:
    python3 aimodel-corrupt.py SRC.aimodel DST.aimodel HOW [ARG]
HOW: truncate N (keep N bytes of main.mlirb), poke OFFSET BYTE (overwrite one byte at OFFSET;
negative counts from the end), encoding-version V (the aicode dialect's encoding version entry
set to V), hash HEX (main.hash holds these bytes), no-metadata, bad-metadata (not JSON).
main.hash is recomputed after a change to main.mlirb (except for `hash`), so that each case
breaks one thing."""
import hashlib
import shutil
import sys
from pathlib import Path


def varint(b, i):
    """MLIR bytecode's prefix varint at b[i]: (value, next index)."""
    first = b[i]
    if first & 1:
        return first >> 1, i + 1
    n = (first & -first).bit_length()  # bytes in total (trailing zeros + 1)
    if first == 0:
        return int.from_bytes(b[i + 1:i + 9], "little"), i + 9
    return int.from_bytes(b[i:i + n], "little") >> n, i + n


def sections(b):
    i = 4
    _, i = varint(b, i)  # version
    i = b.index(0, i) + 1  # producer
    while i < len(b):
        idx = b[i]
        i += 1
        length, i = varint(b, i)
        if idx & 0x80:
            align, i = varint(b, i)
            while i % align:
                i += 1
        yield idx & 0x7F, i, length
        i += length


def set_encoding_version(b, v):
    for sid, start, _ in sections(b):
        if sid != 1:
            continue
        n, i = varint(b, start)
        for _ in range(n):
            name, i = varint(b, i)
            if name & 1:  # a nested dialectVersions section (id 7): id, length, data
                size, j = varint(b, i + 1)
                if b[i] == 7 and size == 1 and b[j] == 0x05:  # encoding version 2 (varint 0x05)
                    b[j] = (v << 1) | 1
                    return
                i = j + size
        break
    raise SystemExit("no encoding version entry found")


def main():
    src, dst, how, *args = sys.argv[1:]
    src, dst = Path(src), Path(dst)
    shutil.rmtree(dst, ignore_errors=True)
    shutil.copytree(src, dst)
    main_b = bytearray((dst / "main.mlirb").read_bytes())
    if how == "truncate":
        main_b = main_b[:int(args[0])]
    elif how == "poke":
        main_b[int(args[0])] = int(args[1], 0)
    elif how == "encoding-version":
        set_encoding_version(main_b, int(args[0]))
    elif how == "hash":
        (dst / "main.hash").write_bytes(bytes.fromhex(args[0]))
        return
    elif how == "no-metadata":
        (dst / "metadata.json").unlink()
        return
    elif how == "bad-metadata":
        (dst / "metadata.json").write_text("{not json")
        return
    else:
        raise SystemExit(f"unknown HOW {how}")
    (dst / "main.mlirb").write_bytes(main_b)
    (dst / "main.hash").write_bytes(hashlib.sha256(main_b).digest())


if __name__ == "__main__":
    main()
