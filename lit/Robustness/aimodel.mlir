// Broken .aimodel assets: an MLIR-style error naming the file (and the section, entry and
// offset, or the op) and a non-zero exit, never a crash; the output asset is not written.
// Inputs/aimodel-corrupt.py makes each broken copy (main.hash recomputed unless the case is
// about the hash). (Fuzzing the reader: scripts/fuzz.sh aimodel.)
// RUN: rm -rf %t && mkdir -p %t
// RUN: cp -r %testdata/aimodel/corpus/tiny_named.aimodel %t/ok.aimodel

// Truncated main.mlirb: in the header, in a section, one byte short.
// RUN: python3 %S/Inputs/aimodel-corrupt.py %t/ok.aimodel %t/t10.aimodel truncate 10
// RUN: not coreai-opt %t/t10.aimodel -o %t/out.aimodel 2>&1 | FileCheck %s --check-prefix=T10 --implicit-check-not="Stack dump"
// T10: t10.aimodel:0:0: error: {{.*}}t10.aimodel/main.mlirb: header section at offset 0x5: string without NUL terminator
// RUN: python3 %S/Inputs/aimodel-corrupt.py %t/ok.aimodel %t/t100.aimodel truncate 100
// RUN: not coreai-opt %t/t100.aimodel -o %t/out.aimodel 2>&1 | FileCheck %s --check-prefix=T100 --implicit-check-not="Stack dump"
// T100: t100.aimodel:0:0: error: {{.*}}t100.aimodel/main.mlirb: header section at offset 0x4e: attrType of 152 bytes runs past the end (22 left)
// RUN: python3 %S/Inputs/aimodel-corrupt.py %t/ok.aimodel %t/t450.aimodel truncate 450
// RUN: not coreai-opt %t/t450.aimodel -o %t/out.aimodel 2>&1 | FileCheck %s --check-prefix=T450 --implicit-check-not="Stack dump"
// T450: t450.aimodel:0:0: error: {{.*}}t450.aimodel/main.mlirb: header section at offset 0x1b3: properties of 16 bytes runs past the end (15 left)

// Corrupted bytes: the magic number, an attribute entry, the IR section.
// RUN: python3 %S/Inputs/aimodel-corrupt.py %t/ok.aimodel %t/magic.aimodel poke 0 0x4e
// RUN: not coreai-opt %t/magic.aimodel -o %t/out.aimodel 2>&1 | FileCheck %s --check-prefix=MAGIC --implicit-check-not="Stack dump"
// MAGIC: magic.aimodel:0:0: error: {{.*}}magic.aimodel/main.mlirb: header section at offset 0x0: not MLIR bytecode (bad magic)
// RUN: python3 %S/Inputs/aimodel-corrupt.py %t/ok.aimodel %t/attr.aimodel poke 80 0xff
// RUN: not coreai-opt %t/attr.aimodel -o %t/out.aimodel 2>&1 | FileCheck %s --check-prefix=ATTR --implicit-check-not="Stack dump"
// ATTR: attr.aimodel:0:0: error: {{.*}}attr.aimodel/main.mlirb: attrType section, attribute 0 (aicode.debuginfo.file_v1) at offset 0x3: string index 127 out of range (12 strings)
// RUN: python3 %S/Inputs/aimodel-corrupt.py %t/ok.aimodel %t/ir.aimodel poke 234 0xff
// RUN: not coreai-opt %t/ir.aimodel -o %t/out.aimodel 2>&1 | FileCheck %s --check-prefix=IR --implicit-check-not="Stack dump"
// IR: ir.aimodel:0:0: error: {{.*}}ir.aimodel/main.mlirb: IR section at offset 0xeb: bad op encoding mask 0xff

// A newer aicode encoding version than this build reads.
// RUN: python3 %S/Inputs/aimodel-corrupt.py %t/ok.aimodel %t/ev3.aimodel encoding-version 3
// RUN: not coreai-opt %t/ev3.aimodel -o %t/out.aimodel 2>&1 | FileCheck %s --check-prefix=EV3 --implicit-check-not="Stack dump"
// EV3: ev3.aimodel:0:0: error: {{.*}}ev3.aimodel/main.mlirb: dialectVersions section at offset 0x1: unsupported aicode encoding version 3; this build reads version 2

// main.hash that does not match main.mlirb, or is not a sha256.
// RUN: python3 %S/Inputs/aimodel-corrupt.py %t/ok.aimodel %t/hash.aimodel hash 0000000000000000000000000000000000000000000000000000000000000000
// RUN: not coreai-opt %t/hash.aimodel -o %t/out.aimodel 2>&1 | FileCheck %s --check-prefix=HASH --implicit-check-not="Stack dump"
// HASH: hash.aimodel:0:0: error: {{.*}}hash.aimodel/main.hash: does not match the sha256 of {{.*}}hash.aimodel/main.mlirb
// RUN: python3 %S/Inputs/aimodel-corrupt.py %t/ok.aimodel %t/hash4.aimodel hash 01020304
// RUN: not coreai-opt %t/hash4.aimodel -o %t/out.aimodel 2>&1 | FileCheck %s --check-prefix=HASH4 --implicit-check-not="Stack dump"
// HASH4: hash4.aimodel:0:0: error: {{.*}}hash4.aimodel/main.hash: holds 4 bytes, not a 32-byte sha256

// metadata.json that is not JSON.
// RUN: python3 %S/Inputs/aimodel-corrupt.py %t/ok.aimodel %t/meta.aimodel bad-metadata
// RUN: not coreai-opt %t/meta.aimodel -o %t/out.aimodel 2>&1 | FileCheck %s --check-prefix=META --implicit-check-not="Stack dump"
// META: meta.aimodel:0:0: error: {{.*}}meta.aimodel/metadata.json: key must be a string at line 1 column 2

// None of the failed runs wrote an output.
// RUN: not ls %t/out.aimodel

// A missing metadata.json (and a missing main.hash) is accepted, as by coreai-core: the output
// gets our producer and a recomputed hash.
// RUN: python3 %S/Inputs/aimodel-corrupt.py %t/ok.aimodel %t/nometa.aimodel no-metadata
// RUN: rm %t/nometa.aimodel/main.hash
// RUN: coreai-opt %t/nometa.aimodel -o %t/nometa-out.aimodel
// RUN: cmp %t/nometa-out.aimodel/main.mlirb %t/ok.aimodel/main.mlirb
// RUN: FileCheck %s --check-prefix=PRODUCER < %t/nometa-out.aimodel/metadata.json
// PRODUCER: "producer": "coreai-aimodel
