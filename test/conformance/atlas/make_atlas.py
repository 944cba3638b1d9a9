"""The op atlas: Apple's own printed forms of every Core AI op, recorded as fixtures.

    .venv-conformance/bin/python test/conformance/atlas/make_atlas.py [-k SUBSTRING] [-v]

For every op of coreai-core's dialects (the 140 `coreai` ops of `_coreai_ops_gen.py`, and the
`debuginfo`, `udml` and `coreaix` ops) this script builds valid instances -- one per variant
that changes the syntax: optional operands present/absent, variadic counts 0/1/many, each enum
value, optional attributes, regions -- and has coreai-core (Apple's parser, verifier and
printer, through its Python bindings) record four texts per variant:

    custom          str(module)                              (what users hold)
    generic         get_asm(print_generic_op_form=True)
    custom_debug    get_asm(enable_debug_info=True)          (`#debuginfo` locations)
    generic_debug   both flags

Each instance is written here as a small generic-form program (a `coreai.graph` whose
arguments feed the op; parameters such as axes are `coreai.constant`s, because several
verifiers need their values); coreai-core parses it, verifies it and prints it. Every op also
carries a `#debuginfo.location`, so the debug prints exercise the `debuginfo` dialect.

Outputs (deterministic: the same coreai-core gives byte-identical files):
- `fixtures/<family>.json`: the records, in variant order;
- `lit/Dialect/CoreAI/<family>.mlir`: the custom prints as input, their exact lines as
  CHECK lines, plus a `--mlir-print-op-generic` round trip (the lit suite checks the syntax
  without Python);
- `lit/Dialect/CoreAI/debuginfo-locations.mlir`: a few debug prints, checked with
  `--mlir-print-debuginfo`.

coreai-core aborts the process on some bad inputs, so the instances are built in a worker
subprocess per family; if a worker dies, its variants are retried one subprocess each.

A new coreai-core release: install it in `.venv-conformance`, rerun this script, and review
the fixture diff (`git diff test/conformance/atlas lit/Dialect/CoreAI`).
"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import coreai_core

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent.parent
FIXTURES = HERE / "fixtures"
LIT_DIR = ROOT / "lit" / "Dialect" / "CoreAI"

# ---------------------------------------------------------------------------------------------
# A tiny builder of generic-form programs
# ---------------------------------------------------------------------------------------------


@dataclass
class Val:
    name: str
    type: str


class Block:
    """Collects generic op lines; values are numbered per variant."""

    def __init__(self, variant: "Variant", arg_types=(), arg_prefix="a"):
        self.variant = variant
        self.args = [Val(f"%{arg_prefix}{i}", t) for i, t in enumerate(arg_types)]
        self.lines: list[str] = []

    def loc(self):
        v = self.variant
        v.locs += 1
        k = v.locs
        return (f'loc(#debuginfo.location<loc("atlas.py":{k}:0) in @{v.graph_name} metadata = '
                f'[#debuginfo.metadata<"op_id": {{type = "coreai", value = {k} : ui64}}>]>)')

    def fresh(self):
        self.variant.values += 1
        return f"%v{self.variant.values}"

    def c(self, value: str, type_: str) -> Val:
        """A `coreai.constant` of `value : type_` (value is the attribute text before ` : `)."""
        return self.op("coreai.constant", [], [type_], props=f"value = {value} : {type_}")[0]

    def op(self, name: str, operands=(), results=(), props: str | None = None,
           attrs: str | None = None, regions=()) -> list[Val]:
        """A generic op; returns its results."""
        operands = list(operands)
        results = list(results)
        text = ""
        out = []
        if len(results) == 1:
            r = self.fresh()
            text = f"{r} = "
            out = [Val(r, results[0])]
        elif len(results) > 1:
            r = self.fresh()
            text = f"{r}:{len(results)} = "
            out = [Val(f"{r}#{i}", t) for i, t in enumerate(results)]
        if self.variant.tag_pending and name == self.variant.op:
            # One variant per op carries a discardable attribute, to place `attr-dict`.
            self.variant.tag_pending = False
            attrs = "atlas.tag = 1 : i64" + (f", {attrs}" if attrs else "")
        text += f'"{name}"(' + ", ".join(o.name for o in operands) + ")"
        if props:
            text += f" <{{{props}}}>"
        if regions:
            text += " (" + ", ".join(regions) + ")"
        if attrs:
            text += f" {{{attrs}}}"
        rt = ", ".join(results)
        if len(results) != 1:
            rt = f"({rt})"
        text += " : (" + ", ".join(o.type for o in operands) + f") -> {rt} " + self.loc()
        self.lines.append(text)
        return out

    def region(self, arg_types, build, terminator="coreai.yield") -> str:
        """A single-block region; `build(block)` returns the values to yield (or None when it
        emitted its own terminator)."""
        inner = Block(self.variant, arg_types, arg_prefix=f"r{self.variant.regions}_")
        self.variant.regions += 1
        yielded = build(inner)
        if yielded is not None:
            inner.op(terminator, yielded)
        head = ""
        if arg_types:
            head = "^bb0(" + ", ".join(f"{a.name}: {a.type}" for a in inner.args) + "):\n"
        body = "".join(f"  {line}\n" for line in inner.lines)
        return "{\n" + head + body + "}"


@dataclass
class Variant:
    family: str
    op: str
    vid: str
    build: object  # (Block) -> list[Val] (graph outputs)
    args: tuple = ()
    extra: str = ""          # more top-level ops (other graphs, target_spec, ...), generic form
    graph_name: str = ""
    values: int = 0
    locs: int = 0
    regions: int = 0
    note: str = ""
    tag: bool = False         # the op under test carries a discardable attribute
    tag_pending: bool = False

    def program(self) -> str:
        self.graph_name = self.vid
        self.values = self.locs = self.regions = 0
        self.tag_pending = self.tag
        b = Block(self, self.args)
        outs = self.build(b) or []
        ftype = "(" + ", ".join(self.args) + ") -> (" + ", ".join(o.type for o in outs) + ")"
        lines = [
            '"coreai.graph"() <{function_type = ' + ftype
            + f', param_decls = #param.decl.array<[]>, sym_name = "{self.vid}"}}> ({{'
        ]
        if self.args:
            lines.append("^bb0(" + ", ".join(f"{a.name}: {a.type}" for a in b.args) + "):")
        b.op("coreai.output", outs)
        lines += [f"  {line}" for line in b.lines]
        lines.append("}) : () -> () " + GRAPH_LOC)
        text = "\n".join(lines) + "\n"
        if self.extra:
            text += self.extra.strip() + "\n"
        return text


GRAPH_LOC = 'loc(#debuginfo.location<loc("atlas.py":0:0) in #di_cu>)'
PRELUDE = """#di_file = #debuginfo.file<filename = "atlas.py", directory = "", sha256Sum = "">
#di_cu = #debuginfo.compile_unit<sourceLanguage = "DW_LANG_Python", file = #di_file, producer = "ODIE", optimized = false, flags = "">
"""

VARIANTS: list[Variant] = []


def variant(family, op, vid=None, args=(), extra="", note=""):
    """Decorator registering a variant; the function builds the graph body."""
    def reg(fn):
        VARIANTS.append(Variant(family, op, vid or op.replace(".", "_"), fn, tuple(args), extra, note=note))
        return fn
    return reg


def simple(family, op, vid, operand_types, result_types, props=None, consts=None, note=""):
    """A variant whose operands are graph arguments (or constants from `consts`, a dict
    index -> (value, type)) and whose results are the graph outputs."""
    consts = consts or {}
    args = [t for i, t in enumerate(operand_types) if i not in consts]

    def build(b):
        it = iter(b.args)
        ops = []
        for i, t in enumerate(operand_types):
            if i in consts:
                ops.append(b.c(*consts[i]))
            else:
                ops.append(next(it))
        return b.op(op, ops, result_types, props=props)
    VARIANTS.append(Variant(family, op, vid, build, tuple(args), note=note))


def raw(family, op, vid, text, note=""):
    """A variant given as a whole generic-form program (ops outside a coreai.graph)."""
    v = Variant(family, op, vid, None, note=note)
    v.program = lambda: text.strip() + "\n"
    VARIANTS.append(v)


# ---------------------------------------------------------------------------------------------
# The variants, one section per family (coreai-core's own grouping)
# ---------------------------------------------------------------------------------------------
from atlas_variants import register_all  # noqa: E402  (the variant table, one function per family)

register_all(sys.modules[__name__])


def _add_tagged_variants():
    """The first variant of every op again, with a discardable attribute on the op."""
    seen = set()
    for v in list(VARIANTS):
        if v.op in seen or v.build is None:
            continue
        seen.add(v.op)
        VARIANTS.append(Variant(v.family, v.op, v.vid + "_attr", v.build, v.args, v.extra,
                                note="with a discardable attribute", tag=True))


_add_tagged_variants()


# ---------------------------------------------------------------------------------------------
# coreai-core: build, verify and print (in subprocesses, see coreai_core.py)
# ---------------------------------------------------------------------------------------------
FORMS = ("custom", "generic", "custom_debug", "generic_debug")


def record_family(variants):
    """Returns {vid: record or {"error": ...}} for the variants of one family."""
    programs = {v.vid: PRELUDE + v.program() for v in variants}
    # 1. coreai-core builds each instance from its generic program and prints it.
    first = coreai_core.run_batch([{"id": vid, "text": text, "print": "custom_debug"}
                                   for vid, text in programs.items()])
    # 2. What users hold is coreai-core's custom print: record the four forms of coreai-core's
    #    parse of it (a default-valued attribute given explicitly in the program is not printed
    #    in custom form, and then not present in the generic form either).
    second = coreai_core.run_batch([{"id": f"{vid}/{form}", "text": r["printed"], "print": form}
                                    for vid, r in first.items() if r["ok"] for form in FORMS])
    out = {}
    for vid, r in first.items():
        if not r["ok"]:
            out[vid] = {"error": r["error"]}
            continue
        rec = {"program": programs[vid]}
        for form in FORMS:
            s = second[f"{vid}/{form}"]
            if not s["ok"]:
                rec = {"error": f"coreai-core rejects its own custom print: {s['error']}"}
                break
            rec[form] = s["printed"]
        else:
            if rec["custom_debug"] != r["printed"]:
                rec = {"error": "coreai-core does not round-trip its own custom print"}
        out[vid] = rec
    return out


# ---------------------------------------------------------------------------------------------
# Lit files
# ---------------------------------------------------------------------------------------------
def filecheck_escape(line: str) -> str:
    """Makes `line` a literal FileCheck pattern: `[[` and `{{` start variables/regexes."""
    out = []
    i = 0
    while i < len(line):
        two = line[i:i + 2]
        if two == "[[":
            out.append("{{\\[\\[}}")
            i += 2
        elif two == "{{":
            out.append("{{[{][{]}}")
            i += 2
        else:
            out.append(line[i])
            i += 1
    return "".join(out)


# Variants whose debug-info print goes into debuginfo-locations.mlir: the whole program, and
# ops with regions and block arguments (their locations print inline or as aliases).
DEBUG_LIT = ("program", "locations", "if_results", "while", "isolated_group", "invoke_arg_attrs", "value")


def lit_file(family, records, form="custom"):
    flags = " --mlir-print-debuginfo" if form == "custom_debug" else ""
    what = (f"The `{family}` ops as coreai-core 1.0.0b3 prints them" if form == "custom" else
            "Programs as coreai-core 1.0.0b3 prints them with their debug locations")
    head = [
        f"// {what} (generated by",
        f"// test/conformance/atlas/make_atlas.py from fixtures/*.json; do not edit).",
        "// Every variant must parse and print back byte-identical, also through the generic form.",
        f"// RUN: coreai-opt %s -split-input-file{flags} | coreai-opt -split-input-file{flags} | FileCheck %s",
        f"// RUN: coreai-opt %s -split-input-file{flags} --mlir-print-op-generic | coreai-opt -split-input-file{flags} | FileCheck %s",
        "",
    ]
    chunks = []
    for rec in records:
        lines = rec[form].rstrip("\n").split("\n")
        checks = []
        for i, line in enumerate(lines):
            directive = "CHECK" if i == 0 else "CHECK-NEXT"
            if line.strip() == "":
                checks.append("// CHECK-EMPTY:")
            else:
                checks.append(f"// {directive}: {filecheck_escape(line)}")
        chunks.append("\n".join([f"// {rec['op']} ({rec['vid']})"] + checks + lines))
    return "\n".join(head) + "\n// -----\n\n".join(c + "\n" for c in chunks)


# ---------------------------------------------------------------------------------------------
def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-k", help="only variants whose id or op contains this (no files written)")
    ap.add_argument("-v", action="store_true", help="print the custom forms")
    ap.add_argument("--print-programs", action="store_true", help="print the generic inputs")
    args = ap.parse_args(argv)
    selected = [v for v in VARIANTS if not args.k or args.k in v.vid or args.k in v.op]
    vids = [v.vid for v in VARIANTS]
    dups = {x for x in vids if vids.count(x) > 1}
    if dups:
        sys.exit(f"duplicate variant ids: {sorted(dups)}")
    families: dict[str, list[Variant]] = {}
    for v in selected:
        families.setdefault(v.family, []).append(v)
    failures = 0
    all_records = {}
    for family, vs in families.items():
        if args.print_programs:
            for v in vs:
                print(PRELUDE + v.program())
        done = record_family(vs)
        recs = []
        for v in vs:
            rec = done[v.vid]
            if "error" in rec:
                failures += 1
                print(f"FAIL {family}/{v.vid}: {rec['error']}")
                continue
            if args.v:
                print(rec["custom"])
            recs.append({"family": family, "op": v.op, "vid": v.vid, "note": v.note,
                         **{k: rec[k] for k in ("program",) + FORMS}})
        all_records[family] = recs
        print(f"{family}: {len(recs)}/{len(vs)} variants")
    if args.k:
        return 1 if failures else 0
    if failures:
        print(f"{failures} variants failed; fixtures not written")
        return 1
    FIXTURES.mkdir(exist_ok=True)
    for family, recs in all_records.items():
        (FIXTURES / f"{family}.json").write_text(json.dumps(recs, indent=1) + "\n")
        (LIT_DIR / f"{family}.mlir").write_text(lit_file(family, recs))
    debug = [r for recs in all_records.values() for r in recs if r["vid"] in DEBUG_LIT]
    (LIT_DIR / "debuginfo-locations.mlir").write_text(lit_file("debuginfo", debug, "custom_debug"))
    ops = sorted({r["op"] for recs in all_records.values() for r in recs})
    print(f"{sum(len(r) for r in all_records.values())} variants of {len(ops)} ops written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
