"""Checks a compressed `.aimodel` with Apple's coreai-core, the way a user would: loads the
original and the compressed asset (`AIModelAsset.load`), verifies the compressed program, and runs
every function of both in Core AI's runtime on the same inputs, printing the output error of the
compressed model against the original.

    .venv-conformance/bin/python scripts/demo-check.py ORIGINAL.aimodel COMPRESSED.aimodel

Inputs: integers 0, 1, 2, ... modulo 7 (token ids for the bundled Llama-style example), floats
(k % 7) / 7 + 0.1. Exit status 1 if anything fails.
"""
import asyncio
import sys

import numpy as np
from coreai.authoring.asset import AIModelAsset  # before coreai._compiler (circular import)
from coreai.runtime._ndarray import NDArray


def inputs_for(fn):
    d = fn.desc
    out = {}
    for n in d.input_names:
        nd = d.input_descriptor(n)
        shape = [s if s is not None else 1 for s in nd.shape]
        dt = np.dtype(str(nd.dtype).lower())
        k = int(np.prod(shape))
        if dt == np.bool_:
            a = np.arange(k) % 3 == 0
        elif np.issubdtype(dt, np.integer):
            a = (np.arange(k) % 7).astype(dt)
        else:
            a = ((np.arange(k) % 7) / 7.0 + 0.1).astype(dt)
        out[n] = NDArray(a.reshape(shape))
    return out


async def run(path):
    res = {}
    async with AIModelAsset.load(path).executable() as model:
        for name in model.function_names:
            fn = model.load_function(name)
            outs = await fn(inputs_for(fn))
            res[name] = {k: v.numpy().astype(np.float64) for k, v in outs.items()}
    return res


def main(original, compressed):
    asset = AIModelAsset.load(compressed)
    asset.program._module._mlir_module.operation.verify()  # noqa: SLF001
    summary = asset.summary(include_statistics=True)
    print(f"coreai-core: {compressed} loads and verifies; functions {list(summary.function_names)}")
    ref, got = asyncio.run(run(original)), asyncio.run(run(compressed))
    for name, outs in ref.items():
        for k, r in outs.items():
            g = got[name][k]
            rel = np.sqrt(np.mean((g - r) ** 2) / np.mean(r**2))
            print(f"Core AI runtime: {name}() -> {k} {list(r.shape)}: relative RMS error {rel:.2e} "
                  f"against the uncompressed asset (max abs {np.max(np.abs(g - r)):.2e})")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
