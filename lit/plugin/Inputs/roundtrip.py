"""Pipeline round trip, for lit/plugin/pipeline.mlir.

Usage: roundtrip.py PREFIX PIPELINE TOOL [ARGS...]

1. runs `TOOL ARGS --pass-pipeline=PIPELINE --dump-pass-pipeline -o PREFIX.1.mlir`;
2. takes the pipeline the tool printed (on stderr, after "Pass Manager with N passes:"),
   joined into one line, and writes it to PREFIX.1.pipeline;
3. runs the tool again with that pipeline, writing PREFIX.2.mlir and PREFIX.2.pipeline.

It prints the first dumped pipeline on stdout (for FileCheck). The caller compares the files
with `cmp`: same output, and the printed pipeline is a fixed point.
"""
import subprocess
import sys


def run(prefix, pipeline, tool):
    proc = subprocess.run(
        tool + ["--pass-pipeline=" + pipeline, "--dump-pass-pipeline", "-o", prefix + ".mlir"],
        capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit("%s failed (%d):\n%s" % (" ".join(tool), proc.returncode, proc.stderr))
    lines = proc.stderr.splitlines()
    start = next(i for i, l in enumerate(lines) if l.startswith("Pass Manager with"))
    # The dump is the pipeline, pretty-printed over several lines, then an empty line.
    body = []
    for line in lines[start + 1:]:
        if not line.strip():
            break
        body.append(line.strip())
    dumped = "".join(body)
    with open(prefix + ".pipeline", "w") as f:
        f.write(dumped + "\n")
    return dumped


def main():
    prefix, pipeline, tool = sys.argv[1], sys.argv[2], sys.argv[3:]
    dumped = run(prefix + ".1", pipeline, tool)
    run(prefix + ".2", dumped, tool)
    print(dumped)


if __name__ == "__main__":
    main()
