#!/usr/bin/env python3
"""Writes a deterministic Core AI module with moderately sized weights to stdout.

Used by determinism.mlir. The weights are large enough for the kernels to split their work
into several parallel tasks (more than 2^16 elements), and are stored as dense_resource
blobs like real programs. Values: a fixed-seed approximately normal distribution (sum of
uniforms from a 64-bit LCG), so no Python library beyond the standard one is needed.

usage: gen-weights.py [SCALE]   (SCALE multiplies the first dim of every weight; default 1)
"""
import struct
import sys

scale = int(sys.argv[1]) if len(sys.argv) > 1 else 1
state = 0x9E3779B97F4A7C15


def rand():
    global state
    state = (state * 6364136223846793005 + 1442695040888963407) & (2**64 - 1)
    return (state >> 11) / float(1 << 53)


def normal():
    return sum(rand() for _ in range(4)) - 2.0


def blob(fmt, n):
    if fmt == "bf16":
        data = b"".join(struct.pack("<f", normal())[2:] for _ in range(n))
    else:
        data = struct.pack("<%d%s" % (n, "e" if fmt == "f16" else "f"), *[normal() for _ in range(n)])
    return "0x10000000" + data.hex().upper()


K, N = 256 * scale, 512
weights = [
    ("w_mm", "f16", (K, N)),            # matmul y: out axis 1, in axis 0
    ("w_conv", "f32", (64, 32, 3, 3)),  # conv2d weight
    ("w_emb", "bf16", (128 * scale, 64)),  # gather_nd table
]
print(f"""coreai.graph @main(%x: tensor<1x{K}xf16>, %img: tensor<1x32x8x8xf32>, %ids: tensor<4x1xsi32>)
    -> (tensor<1x{N}xf16>, tensor<1x64x6x6xf32>, tensor<4x64xbf16>) {{
  %w_mm = coreai.constant dense_resource<w_mm> : tensor<{K}x{N}xf16>
  %y = coreai.batch_matmul %x, %w_mm : (tensor<1x{K}xf16>, tensor<{K}x{N}xf16>) -> tensor<1x{N}xf16>
  %stride = coreai.constant dense<1> : tensor<2xui32>
  %dilation = coreai.constant dense<1> : tensor<2xui32>
  %groups = coreai.constant dense<1> : tensor<ui32>
  %w_conv = coreai.constant dense_resource<w_conv> : tensor<64x32x3x3xf32>
  %c = coreai.conv2d %img, %w_conv, %stride, %dilation, %groups : (tensor<1x32x8x8xf32>, tensor<64x32x3x3xf32>, tensor<2xui32>, tensor<2xui32>, tensor<ui32>) -> tensor<1x64x6x6xf32>
  %w_emb = coreai.constant dense_resource<w_emb> : tensor<{128 * scale}x64xbf16>
  %e = coreai.gather_nd %w_emb at %ids : (tensor<{128 * scale}x64xbf16>, tensor<4x1xsi32>) to tensor<4x64xbf16>
  coreai.output %y, %c, %e : tensor<1x{N}xf16>, tensor<1x64x6x6xf32>, tensor<4x64xbf16>
}}
{{-#
  dialect_resources: {{
    builtin: {{""")
entries = []
for name, fmt, shape in weights:
    n = 1
    for d in shape:
        n *= d
    entries.append(f"      {name}: \"{blob(fmt, n)}\"")
print(",\n".join(entries))
print("""    }
  }
#-}""")
