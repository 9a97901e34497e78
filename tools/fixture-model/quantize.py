"""Make the q8 (`*_quantized.onnx`) and fp16 (`*_fp16.onnx`) variants from the fp32 export.

q8  : weight-only symmetric int8, per OUTPUT channel (MatMul B: axis 1, Conv W: axis 0,
      Gather table: axis 0), stored as int8 initializers + DequantizeLinear (opset 13+).
      Activations stay fp32.  transformers.js only cares about the file name suffix.
fp16: every float initializer / Constant / Cast-to-float becomes float16, so weights AND
      activations are fp16 inside the graph; graph inputs and outputs stay float32 (Cast
      nodes at the boundary), so transformers.js can feed float32 pixel_values and an fp32
      KV cache exactly as for the fp32 files.  (onnxruntime CPU inserts fp32 fallbacks for
      ops without fp16 kernels; WebGPU runs them natively.)

Usage: python3 quantize.py MODEL_DIR
"""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

MIN_ELEMS = 256  # leave tiny tensors (biases, LayerNorm params) in fp32


def quantize_q8(src, dst):
    m = onnx.load(src)
    g = m.graph
    consumers = {}
    for node in g.node:
        for idx, name in enumerate(node.input):
            consumers.setdefault(name, []).append((node, idx))
    new_inits, new_nodes, n_q = [], [], 0
    for init in g.initializer:
        w = numpy_helper.to_array(init)
        uses = consumers.get(init.name, [])
        axis = None
        if w.dtype == np.float32 and w.size >= MIN_ELEMS and uses:
            kinds = {(n.op_type, i) for n, i in uses}
            if kinds <= {("MatMul", 1)} and w.ndim == 2:
                axis = 1
            elif kinds <= {("Conv", 1)} or kinds <= {("Gather", 0)}:
                axis = 0
        if axis is None:
            new_inits.append(init)
            continue
        red = tuple(a for a in range(w.ndim) if a != axis)
        scale = np.abs(w).max(axis=red) / 127.0
        scale = np.where(scale == 0, 1.0, scale).astype(np.float32)
        shape = [1] * w.ndim
        shape[axis] = -1
        q = np.clip(np.rint(w / scale.reshape(shape)), -127, 127).astype(np.int8)
        base = init.name
        new_inits += [numpy_helper.from_array(q, base + "_q8"),
                      numpy_helper.from_array(scale, base + "_scale"),
                      numpy_helper.from_array(np.zeros_like(scale, dtype=np.int8), base + "_zp")]
        new_nodes.append(helper.make_node("DequantizeLinear", [base + "_q8", base + "_scale", base + "_zp"],
                                          [base], name=base + "_dequant", axis=axis))
        n_q += 1
    del g.initializer[:]
    g.initializer.extend(new_inits)
    nodes = new_nodes + list(g.node)
    del g.node[:]
    g.node.extend(nodes)
    onnx.checker.check_model(m, full_check=True)
    onnx.save(m, dst)
    print(f"q8  {dst}: {n_q} weights quantized, {os.path.getsize(dst)} bytes")


def to_fp16(src, dst):
    m = onnx.load(src)
    g = m.graph
    F32, F16 = TensorProto.FLOAT, TensorProto.FLOAT16
    for init in g.initializer:
        if init.data_type == F32:
            init.CopyFrom(numpy_helper.from_array(numpy_helper.to_array(init).astype(np.float16), init.name))
    for node in g.node:
        for attr in node.attribute:
            if attr.type == onnx.AttributeProto.TENSOR and attr.t.data_type == F32:
                attr.t.CopyFrom(numpy_helper.from_array(numpy_helper.to_array(attr.t).astype(np.float16),
                                                        attr.t.name))
            if node.op_type == "Cast" and attr.name == "to" and attr.i == F32:
                attr.i = F16
    # float32 graph inputs -> Cast to fp16 at entry; outputs Cast back to fp32 at exit
    pre, rename_in = [], {}
    for inp in g.input:
        if inp.type.tensor_type.elem_type == F32:
            rename_in[inp.name] = inp.name + "_fp16"
            pre.append(helper.make_node("Cast", [inp.name], [inp.name + "_fp16"], to=F16,
                                        name=inp.name + "_to_fp16"))
    out_names = [o.name for o in g.output if o.type.tensor_type.elem_type == F32]  # ordered: deterministic file
    rename = dict(rename_in, **{n: n + "_fp16" for n in out_names})  # outputs may be used inside too
    for node in g.node:
        for i, name in enumerate(node.input):
            if name in rename:
                node.input[i] = rename[name]
        for i, name in enumerate(node.output):
            if name in out_names:
                node.output[i] = name + "_fp16"
    post = [helper.make_node("Cast", [n + "_fp16"], [n], to=F32, name=n + "_to_fp32") for n in out_names]
    nodes = pre + list(g.node) + post
    del g.node[:]
    g.node.extend(nodes)
    del g.value_info[:]  # stale fp32 annotations; let shape inference redo them
    m = onnx.shape_inference.infer_shapes(m)
    onnx.checker.check_model(m, full_check=True)
    onnx.save(m, dst)
    print(f"fp16 {dst}: {os.path.getsize(dst)} bytes")


def main():
    d = os.path.join(sys.argv[1], "onnx")
    for name in ("encoder_model", "decoder_model_merged"):
        src = os.path.join(d, name + ".onnx")
        quantize_q8(src, os.path.join(d, name + "_quantized.onnx"))
        to_fp16(src, os.path.join(d, name + "_fp16.onnx"))


if __name__ == "__main__":
    main()
