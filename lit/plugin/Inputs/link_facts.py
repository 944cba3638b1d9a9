"""Prints the link facts of the mlir-opt plugin, for lit/plugin/link.mlir.

Usage: link_facts.py PLUGIN LIBDIR

- NEEDED: the plugin's shared library dependencies (llvm-readelf -d);
- FLAGS_1: its dynamic flags (NODELETE: never unmapped, see crates/coreai-plugin/build.rs);
- EXPORT: the symbols it exports (llvm-nm -D --defined-only);
- DUPLICATE <lib> <n>: how many functions or objects that the shared MLIR / LLVM libraries
  define non-weakly (nm types T, D, B, R: real, out-of-line definitions) are also defined
  inside the plugin. 0 means no MLIR or LLVM library code was linked in statically; what the
  plugin defines of MLIR's namespace is its own dialect, template instantiations and inline
  functions (weak in the libraries), and the C API wrappers, which libMLIR.so lacks.
- the first duplicates, if any, demangled.
"""
import os
import subprocess
import sys


def run(*args):
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def defined(path, dynamic, types=None):
    args = ["llvm-nm", "--defined-only", "--no-sort"]
    if dynamic:
        args.append("-D")
    names = set()
    for line in run(*args, path).splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        if types is None or parts[1] in types:
            # libLLVM.so versions its symbols (`name@@LLVM_22.1`).
            names.add(parts[2].split("@", 1)[0])
    return names


def main():
    plugin, libdir = sys.argv[1], sys.argv[2]
    for line in run("llvm-readelf", "-d", plugin).splitlines():
        if "(NEEDED)" in line:
            print("NEEDED", line.split("[", 1)[1].rstrip("]"))
        elif "(FLAGS_1)" in line:
            print("FLAGS_1", " ".join(line.split("(FLAGS_1)", 1)[1].split()))
    for name in sorted(defined(plugin, dynamic=True)):
        print("EXPORT", name)
    inside = defined(plugin, dynamic=False)
    for lib in ("libMLIR.so", "libLLVM.so"):
        path = os.path.realpath(os.path.join(libdir, lib))
        strong = defined(path, dynamic=True, types={"T", "D", "B", "R"})
        dups = sorted(inside & strong)
        print("DUPLICATE", lib, len(dups))
        if dups:
            print(run("llvm-cxxfilt", *dups[:20]))


if __name__ == "__main__":
    main()
