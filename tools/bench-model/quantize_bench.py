"""Write the q8 (`*_quantized.onnx`) variants of the bench model.

Why not the fixture's quantize.py as is: its q8 is weight-only (int8 initializer +
DequantizeLinear), which onnxruntime turns back into fp32 weights, so it would time as fp32.
Published q8 captioners (Xenova / optimum) come from onnxruntime's quantize_dynamic, which runs
int8 kernels. This writes the same node pattern with the plain onnx API (onnxruntime's Python
quantizer is not installable here):
  MatMul(A, W)  -> DynamicQuantizeLinear(A) -> MatMulInteger(A_u8, W_s8, A_zp, 0) -> Cast
                   -> Mul(A_scale * W_scale)          (W symmetric per-tensor int8, absmax/127)
  Gather(T, ix) -> Gather(T_s8, ix) -> DequantizeLinear(., T_scale, 0)   (quantize_dynamic's GatherQuant)
Conv (patch embedding, <1% of FLOPs) and activation x activation MatMuls stay fp32.
Everything is a pure function of the fp32 file, so the output is deterministic.

Usage: python3 quantize_bench.py MODEL_DIR [ONNX_NAME ...]
  default names: encoder_model decoder_model_merged (the distilvit-shaped bench model); the VLM
  bench models pass their own (embed_tokens vision_encoder ..., see tools/bench/families.mjs).
"""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

MIN_ELEMS = 256  # biases and LayerNorm params stay fp32


def sym_int8(w):
    scale = np.float32(max(float(np.abs(w).max()), 1e-12) / 127.0)
    return np.clip(np.rint(w / scale), -127, 127).astype(np.int8), scale


def quantize_dynamic_like(src, dst):
    m = onnx.load(src)
    g = m.graph
    inits = {i.name: i for i in g.initializer}
    uses = {}
    for node in g.node:
        for k, name in enumerate(node.input):
            uses.setdefault(name, set()).add((node.op_type, k))

    def quantizable(name, op, slot, ndim):
        init = inits.get(name)
        if init is None or init.data_type != TensorProto.FLOAT or uses[name] != {(op, slot)}:
            return None
        w = numpy_helper.to_array(init)
        return w if w.ndim == ndim and w.size >= MIN_ELEMS else None

    new_nodes, new_inits, dropped, act_q, counts = [], [], set(), {}, {"MatMul": 0, "Gather": 0}
    for node in g.node:
        if node.op_type == "MatMul" and (w := quantizable(node.input[1], "MatMul", 1, 2)) is not None:
            a, wname, out = node.input[0], node.input[1], node.output[0]
            if a not in act_q:  # q/k/v share one input: quantize it once, as quantize_dynamic does
                act_q[a] = (a + "_quantized", a + "_scale", a + "_zero_point")
                new_nodes.append(helper.make_node("DynamicQuantizeLinear", [a], list(act_q[a]),
                                                  name=a + "_QuantizeLinear"))
            aq, ascale, azp = act_q[a]
            q, scale = sym_int8(w)
            new_inits += [numpy_helper.from_array(q, wname + "_quantized"),
                          numpy_helper.from_array(scale, wname + "_scale"),
                          numpy_helper.from_array(np.int8(0), wname + "_zero_point")]
            base = node.name or out
            new_nodes += [
                helper.make_node("MatMulInteger", [aq, wname + "_quantized", azp, wname + "_zero_point"],
                                 [out + "_int32"], name=base + "_quant"),
                helper.make_node("Cast", [out + "_int32"], [out + "_cast"], to=TensorProto.FLOAT,
                                 name=base + "_cast"),
                helper.make_node("Mul", [ascale, wname + "_scale"], [out + "_scales"], name=base + "_scales"),
                helper.make_node("Mul", [out + "_cast", out + "_scales"], [out], name=base + "_rescale"),
            ]
            dropped.add(wname)
            counts["MatMul"] += 1
        elif node.op_type == "Gather" and (w := quantizable(node.input[0], "Gather", 0, 2)) is not None:
            tname, out = node.input[0], node.output[0]
            q, scale = sym_int8(w)
            new_inits += [numpy_helper.from_array(q, tname + "_quantized"),
                          numpy_helper.from_array(scale, tname + "_scale"),
                          numpy_helper.from_array(np.int8(0), tname + "_zero_point")]
            base = node.name or out
            new_nodes += [
                helper.make_node("Gather", [tname + "_quantized", node.input[1]], [out + "_quantized"],
                                 name=base + "_quant", **{a.name: helper.get_attribute_value(a)
                                                          for a in node.attribute}),
                helper.make_node("DequantizeLinear", [out + "_quantized", tname + "_scale",
                                                      tname + "_zero_point"], [out], name=base + "_dequant"),
            ]
            dropped.add(tname)
            counts["Gather"] += 1
        else:
            new_nodes.append(node)
    kept = [i for i in g.initializer if i.name not in dropped]
    del g.initializer[:]
    g.initializer.extend(kept + new_inits)
    del g.node[:]
    g.node.extend(new_nodes)
    del g.value_info[:]  # stale after the rewrite; the path-form full check below re-infers it
    onnx.save(m, dst)
    onnx.checker.check_model(dst, full_check=True)
    print(f"  {os.path.basename(dst)}: {counts['MatMul']} MatMul + {counts['Gather']} Gather quantized, "
          f"{os.path.getsize(dst) / 1e6:.1f} MB")


def main():
    d = os.path.join(sys.argv[1], "onnx")
    for name in sys.argv[2:] or ("encoder_model", "decoder_model_merged"):
        quantize_dynamic_like(os.path.join(d, name + ".onnx"), os.path.join(d, name + "_quantized.onnx"))


if __name__ == "__main__":
    main()
