"""Probes which aicode attribute and type kinds coreai-core's bytecode reader knows, and what
they print as (the source of crates/coreai-aimodel/src/kinds.rs).

For every kind number K it crafts a bytecode file holding one custom `aicode` entry (K followed by
a payload of N identical reference bytes) on an unregistered op, lets coreai-core parse and print
it, each in a subprocess (a bad payload may abort the interpreter), and reports:
  unknown      "unknown attribute code: K";
  K N TEXT     the shortest payload that parses, with the printed form (field layouts are then
               confirmed with textual samples through coreai-core's writer, as probe.py does).
usage: .venv-conformance/bin/python test/conformance/aimodel/probe_kinds.py attr|type [K ...]
"""
import re
import subprocess
import sys
import tempfile
from pathlib import Path


def V(v):
    if v >> 7 == 0:
        return bytes([(v << 1) | 1])
    n = 1
    while n < 8 and v >> (7 * (n + 1)):
        n += 1
    return (((v << 1) | 1) << n).to_bytes(n + 1, "little")


def section(sid, body):
    return bytes([sid]) + V(len(body)) + body


def build(is_type, payload, attrs_text, types_text):
    strings = ["aicode", "probe", "builtin", "op"]
    d = V(3) + V((0 << 1) | 1) + section(7, V(2)) + V(1 << 1) + V(2 << 1) + V(1) + V(1) + V(1) + V(3 << 1)
    attrs = ([(0, True, payload)] if not is_type else []) + [(dl, False, t.encode() + b"\0") for dl, t in attrs_text]
    types = ([(0, True, payload)] if is_type else []) + [(dl, False, t.encode() + b"\0") for dl, t in types_text]
    data, offs = b"", V(len(attrs)) + V(len(types))
    for ents in (attrs, types):
        for dl, custom, b in ents:
            offs += V(dl) + V(1) + V((len(b) << 1) | int(custom))
            data += b
    loc = len(attrs) - 1
    op = V(0) + (bytes([0x02]) + V(loc) + V(1) + V(0) if is_type else bytes([0x40]) + V(loc) + V(0))
    s = V(len(strings)) + b"".join(V(len(x) + 1) for x in reversed(strings)) + b"".join(x.encode() + b"\0" for x in strings)
    props = section(8, V(0) if is_type else V(1) + V(1) + V(0))
    return b"ML\xefR" + V(6) + b"p\0" + section(1, d) + section(3, offs) + section(2, data) + section(4, V(2) + op) + section(0, s) + props


CHILD = r'''
import sys
from coreai._compiler import ir
from coreai.authoring.asset import Context
ctx = Context()._mlir_context
ctx.allow_unregistered_dialects = True
with ctx:
    print(ir.Module.parse(open(sys.argv[1], "rb").read()).operation.get_asm(print_generic_op_form=True))
'''


def run(is_type, payload):
    attrs = [(0, '#aicode.serialization.string<"s1">'), (2, "loc(unknown)")]
    types = [(0, "!aicode.float16_v1"), (0, "!aicode.float32_v1")]
    f = Path(tempfile.mkdtemp()) / "x.mlirb"
    f.write_bytes(build(is_type, payload, attrs, types))
    p = subprocess.run([sys.executable, "-c", CHILD, str(f)], capture_output=True, text=True, timeout=60)
    out = p.stdout + p.stderr
    m = re.search(r'probe\.op"\(\) (.*)', out)
    return p.returncode, (m.group(1) if m and p.returncode == 0 else " ".join(out.split())[-160:])


def main():
    is_type = sys.argv[1] == "type"
    kinds = [int(k) for k in sys.argv[2:]] or range(0, 64)
    for k in kinds:
        rc, out = run(is_type, V(k) + b"\x03" * 12)
        if "unknown attribute code" in out:
            print(f"{k:3} unknown")
            continue
        for n in range(0, 12):
            rc, out = run(is_type, V(k) + b"\x03" * n)
            if rc == 0:
                print(f"{k:3} {n} {out}")
                break
        else:
            print(f"{k:3} ? (needs specific references: {out})")


if __name__ == "__main__":
    main()
