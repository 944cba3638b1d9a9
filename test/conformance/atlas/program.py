"""A whole Core AI program built with coreai-core's authoring API, for the atlas.

    .venv-conformance/bin/python test/conformance/atlas/program.py   # prints it (generic, with locations)

Several graphs: a private `noinline` composite graph carrying a
`#coreai.composite_declaration` (like coreai-torch's `layer_norm` graphs), called through
`coreai.invoke` (its callee is a `#param.constant`), an `externalize` graph, and a main graph
with constants, a matmul, activations, a reduction and a softmax. coreai.authoring attaches
`#debuginfo.location`s (with `op_id` metadata, a compile unit, subprograms and files) to every
op. make_atlas.py records it as the `program` family: it must round-trip through coreai-opt
with and without locations, like every op variant.
"""
from __future__ import annotations

import re
from typing import Annotated

import numpy as np

import coreai.authoring as ca  # noqa: I001  (before coreai._compiler: circular import otherwise)
from coreai.authoring import Module, TensorType, Value, graph
from coreai.authoring.constant import constant
from coreai._compiler import ir


def T(shape, dt, name=None):
    return Annotated[Value, TensorType(shape, dt, name=name)]


def build() -> str:
    rng = np.random.default_rng(13)
    m = Module.create()
    with m:
        decl = ir.Attribute.parse(
            '#coreai.composite_declaration<"layer_norm" = {input_names = ["input", "gamma", "beta"], '
            'op_attrs = {axes = [1 : si64], eps = 9.99999974E-6 : f32}, output_names = ["output"]}>')

        @graph(private=True, no_inline=True, composite_decl=decl)
        def layer_norm(x: T([2, 16], ca.float16, name="input"), gamma: T([16], ca.float16, name="gamma"),
                       beta: T([16], ca.float16, name="beta")) -> T([2, 16], ca.float16, name="output"):
            centred = ca.broadcasting_sub(x, ca.reduce_mean(x, constant(np.array([1], np.int32))))
            scaled = ca.broadcasting_mul(centred, gamma)
            return ca.broadcasting_add(scaled, beta)

        @graph(externalize=True)
        def head(h: T([2, 16], ca.float16)) -> T([2, 16], ca.float16):
            return ca.softmax(h, constant(np.array(1, np.int32)))

        @graph
        def main(x: T([2, 16], ca.float16, name="x")) -> tuple[T([2, 16], ca.float16, name="y"),
                                                               T([2, 1], ca.float16, name="norm")]:
            w = constant(rng.standard_normal((16, 16)).astype(np.float16))
            h = ca.batch_matmul(x, w)
            gamma = constant(np.ones(16, np.float16))
            beta = constant(np.zeros(16, np.float16))
            (n,) = layer_norm(ca.gelu(h), gamma, beta)
            (y,) = head(ca.tanh(n))
            return y, ca.reduce_sum(ca.abs_(y), constant(np.array([1], np.int32)))
    mm = m._mlir_module  # noqa: SLF001
    if not mm.operation.verify():
        raise RuntimeError("the program does not verify")
    text = mm.operation.get_asm(enable_debug_info=True, print_generic_op_form=True)
    # coreai-core names a blob `resource_<hash>` with a per-process hash: number them in order
    # of appearance so that the atlas regenerates byte-identically.
    names = {}
    return re.sub(r"\bresource_\d+\b", lambda m: names.setdefault(m.group(0), f"resource_{len(names)}"), text)


if __name__ == "__main__":
    print(build(), end="")
