"""coreai-core (Apple's Core AI dialect) as a subprocess service for the atlas.

coreai-core aborts the Python process on some bad inputs, so every use goes through
`run_batch`: one worker subprocess for a batch of jobs, and one subprocess per job for the
jobs a crashed worker did not finish.

A job is {"id": str, "text": str, "print": None | "custom" | "custom_debug" | "generic" |
"generic_debug"}; its result is {"id", "ok": bool, "error": str, "printed": str}: coreai-core
parsed and verified `text` (and printed it in the requested form).
"""
from __future__ import annotations

import json
import subprocess
import sys

PRINT_FLAGS = {
    "custom": {},
    "custom_debug": {"enable_debug_info": True},
    "generic": {"print_generic_op_form": True},
    "generic_debug": {"enable_debug_info": True, "print_generic_op_form": True},
}


def _worker():
    import coreai.authoring  # noqa: F401  (before coreai._compiler: circular import otherwise)
    from coreai._compiler import ir
    from coreai._compiler._mlir_libs._coreaiIR import register_dialects

    for job in json.load(sys.stdin):
        res = {"id": job["id"], "ok": False, "error": "", "printed": ""}
        ctx = ir.Context()
        register_dialects(ctx, load=True)
        try:
            with ctx:
                m = ir.Module.parse(job["text"])
                if not m.operation.verify():
                    raise RuntimeError("verify() returned false")
                if job.get("print"):
                    res["printed"] = m.operation.get_asm(**PRINT_FLAGS[job["print"]])
                res["ok"] = True
        except Exception as e:  # noqa: BLE001  (a rejection is a result)
            res["error"] = f"{type(e).__name__}: {e}"
        sys.stdout.write(json.dumps(res) + "\n")
        sys.stdout.flush()


def run_batch(jobs, python=sys.executable, timeout=900):
    """Runs the jobs; returns {id: result}."""
    if not jobs:
        return {}
    p = subprocess.run([python, __file__], input=json.dumps(jobs), capture_output=True, text=True,
                       timeout=timeout)
    done = {}
    for line in p.stdout.splitlines():
        rec = json.loads(line)
        done[rec["id"]] = rec
    if len(done) < len(jobs):
        if len(jobs) == 1:
            tail = (p.stderr.strip().splitlines() or ["no output"])[-1]
            return {jobs[0]["id"]: {"id": jobs[0]["id"], "ok": False, "printed": "",
                                    "error": f"coreai-core crashed (exit {p.returncode}): {tail}"}}
        for job in jobs:
            if job["id"] not in done:
                done.update(run_batch([job], python, timeout))
    return done


if __name__ == "__main__":
    _worker()
