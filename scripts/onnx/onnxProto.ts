/**
 * Reading and writing ONNX model files: the part of the ONNX protobuf schema (onnx/onnx.proto, IR
 * version 10, proto2 syntax) that inference graphs use, decoded and encoded with protobufjs.
 *
 * proto2 keeps field presence, so a decoded model encodes back to the same bytes when nothing was
 * changed; `decodeModel` checks that, so a field this schema lacks can never be dropped silently.
 */
import protobuf from 'protobufjs';

const SCHEMA = `
syntax = "proto2";
package onnx;

message AttributeProto {
  enum AttributeType {
    UNDEFINED = 0; FLOAT = 1; INT = 2; STRING = 3; TENSOR = 4; GRAPH = 5; SPARSE_TENSOR = 11; TYPE_PROTO = 13;
    FLOATS = 6; INTS = 7; STRINGS = 8; TENSORS = 9; GRAPHS = 10; SPARSE_TENSORS = 12; TYPE_PROTOS = 14;
  }
  optional string name = 1;
  optional string ref_attr_name = 21;
  optional string doc_string = 13;
  optional AttributeType type = 20;
  optional float f = 2;
  optional int64 i = 3;
  optional bytes s = 4;
  optional TensorProto t = 5;
  optional GraphProto g = 6;
  optional SparseTensorProto sparse_tensor = 22;
  optional TypeProto tp = 14;
  repeated float floats = 7;
  repeated int64 ints = 8;
  repeated bytes strings = 9;
  repeated TensorProto tensors = 10;
  repeated GraphProto graphs = 11;
  repeated SparseTensorProto sparse_tensors = 23;
  repeated TypeProto type_protos = 15;
}

message ValueInfoProto {
  optional string name = 1;
  optional TypeProto type = 2;
  optional string doc_string = 3;
  repeated StringStringEntryProto metadata_props = 4;
}

message NodeProto {
  repeated string input = 1;
  repeated string output = 2;
  optional string name = 3;
  optional string op_type = 4;
  optional string domain = 7;
  optional string overload = 8;
  repeated AttributeProto attribute = 5;
  optional string doc_string = 6;
  repeated StringStringEntryProto metadata_props = 9;
}

message ModelProto {
  optional int64 ir_version = 1;
  repeated OperatorSetIdProto opset_import = 8;
  optional string producer_name = 2;
  optional string producer_version = 3;
  optional string domain = 4;
  optional int64 model_version = 5;
  optional string doc_string = 6;
  optional GraphProto graph = 7;
  repeated StringStringEntryProto metadata_props = 14;
  repeated FunctionProto functions = 25;
}

message StringStringEntryProto {
  optional string key = 1;
  optional string value = 2;
}

message TensorAnnotation {
  optional string tensor_name = 1;
  repeated StringStringEntryProto quant_parameter_tensor_names = 2;
}

message GraphProto {
  repeated NodeProto node = 1;
  optional string name = 2;
  repeated TensorProto initializer = 5;
  repeated SparseTensorProto sparse_initializer = 15;
  optional string doc_string = 10;
  repeated ValueInfoProto input = 11;
  repeated ValueInfoProto output = 12;
  repeated ValueInfoProto value_info = 13;
  repeated TensorAnnotation quantization_annotation = 14;
  repeated StringStringEntryProto metadata_props = 16;
}

message TensorProto {
  message Segment {
    optional int64 begin = 1;
    optional int64 end = 2;
  }
  enum DataLocation { DEFAULT = 0; EXTERNAL = 1; }
  repeated int64 dims = 1;
  optional int32 data_type = 2;
  optional Segment segment = 3;
  repeated float float_data = 4 [packed = true];
  repeated int32 int32_data = 5 [packed = true];
  repeated bytes string_data = 6;
  repeated int64 int64_data = 7 [packed = true];
  optional string name = 8;
  optional string doc_string = 12;
  optional bytes raw_data = 9;
  repeated StringStringEntryProto external_data = 13;
  optional DataLocation data_location = 14;
  repeated double double_data = 10 [packed = true];
  repeated uint64 uint64_data = 11 [packed = true];
  repeated StringStringEntryProto metadata_props = 16;
}

message SparseTensorProto {
  optional TensorProto values = 1;
  optional TensorProto indices = 2;
  repeated int64 dims = 3;
}

message TensorShapeProto {
  message Dimension {
    oneof value {
      int64 dim_value = 1;
      string dim_param = 2;
    }
    optional string denotation = 3;
  }
  repeated Dimension dim = 1;
}

message TypeProto {
  message Tensor {
    optional int32 elem_type = 1;
    optional TensorShapeProto shape = 2;
  }
  message Sequence { optional TypeProto elem_type = 1; }
  message Map {
    optional int32 key_type = 1;
    optional TypeProto value_type = 2;
  }
  message Optional { optional TypeProto elem_type = 1; }
  message SparseTensor {
    optional int32 elem_type = 1;
    optional TensorShapeProto shape = 2;
  }
  oneof value {
    Tensor tensor_type = 1;
    Sequence sequence_type = 4;
    Map map_type = 5;
    Optional optional_type = 9;
    SparseTensor sparse_tensor_type = 8;
  }
  optional string denotation = 6;
}

message OperatorSetIdProto {
  optional string domain = 1;
  optional int64 version = 2;
}

message FunctionProto {
  optional string name = 1;
  repeated string input = 4;
  repeated string output = 5;
  repeated string attribute = 6;
  repeated AttributeProto attribute_proto = 11;
  repeated NodeProto node = 7;
  optional string doc_string = 8;
  repeated OperatorSetIdProto opset_import = 9;
  optional string domain = 10;
  optional string overload = 13;
  repeated ValueInfoProto value_info = 12;
  repeated StringStringEntryProto metadata_props = 14;
}
`;

/** An int64 field as protobufjs decodes it (a Long object) or as code sets it (a number). */
export type Int64 = number | { toNumber(): number };

/** Element types of TensorProto.data_type used here. */
export const DataType = { FLOAT: 1, UINT8: 2, INT32: 6, INT64: 7 } as const;

/** AttributeProto.type values used here. */
export const AttributeType = { FLOAT: 1, INT: 2, STRING: 3, TENSOR: 4, INTS: 7 } as const;

/** TensorProto.data_location: EXTERNAL when the bytes live in a separate file. */
export const DataLocation = { DEFAULT: 0, EXTERNAL: 1 } as const;

export interface StringStringEntry {
  key: string;
  value: string;
}

export interface TensorProto {
  name?: string;
  dims: Int64[];
  data_type?: number;
  raw_data?: Uint8Array;
  float_data: number[];
  int32_data: number[];
  int64_data: Int64[];
  external_data: StringStringEntry[];
  data_location?: number;
}

export interface AttributeProto {
  name?: string;
  type?: number;
  f?: number;
  i?: Int64;
  s?: Uint8Array;
  t?: TensorProto;
  ints: Int64[];
}

export interface NodeProto {
  input: string[];
  output: string[];
  name?: string;
  op_type?: string;
  domain?: string;
  attribute: AttributeProto[];
}

export interface Dimension {
  dim_value?: Int64;
  dim_param?: string;
}

export interface ValueInfoProto {
  name?: string;
  type?: { tensor_type?: { elem_type?: number; shape?: { dim: Dimension[] } } };
}

export interface GraphProto {
  node: NodeProto[];
  name?: string;
  initializer: TensorProto[];
  input: ValueInfoProto[];
  output: ValueInfoProto[];
  value_info: ValueInfoProto[];
}

export interface OperatorSetId {
  domain?: string;
  version?: Int64;
}

export interface ModelProto {
  ir_version?: Int64;
  opset_import: OperatorSetId[];
  producer_name?: string;
  graph?: GraphProto;
}

const root = protobuf.parse(SCHEMA, { keepCase: true }).root;
const modelType = root.lookupType('onnx.ModelProto');

/** Converts an int64 field to a number; throws past 2^53, which no shape or offset here reaches. */
export function toNumber(value: Int64 | undefined): number {
  if (value === undefined) return 0;
  const n = typeof value === 'number' ? value : value.toNumber();
  if (!Number.isSafeInteger(n)) throw new RangeError(`int64 value ${String(value)} does not fit a JavaScript number`);
  return n;
}

/**
 * Decodes an ONNX model file. Throws when the bytes are not an ONNX model or when re-encoding them
 * would not give the same bytes (a field outside this schema).
 */
export function decodeModel(bytes: Uint8Array): ModelProto {
  const message = modelType.decode(bytes);
  const again = modelType.encode(message).finish();
  if (again.length !== bytes.length || !again.every((b, i) => b === bytes[i])) {
    throw new Error(
      `the ONNX file (${bytes.length} bytes) uses fields this schema does not know, because re-encoding it gave ${again.length} bytes; ` +
        'add the missing fields of onnx/onnx.proto to SCHEMA in scripts/onnx/onnxProto.ts',
    );
  }
  // protobufjs messages carry the schema's fields under their own names; the interfaces above list them.
  return message as unknown as ModelProto;
}

/** Encodes a model, whether decoded by decodeModel or built from plain objects. */
export function encodeModel(model: ModelProto): Uint8Array {
  return modelType.encode(modelType.fromObject(model as unknown as Record<string, unknown>)).finish();
}

/** Returns a tensor's bytes (raw_data or the typed fields), little-endian as ONNX stores them. */
export function tensorBytes(tensor: TensorProto): Uint8Array {
  if (tensor.data_location === DataLocation.EXTERNAL) throw new Error(`tensor ${tensor.name} keeps its data in an external file`);
  if (tensor.raw_data && tensor.raw_data.length > 0) return tensor.raw_data;
  if (tensor.float_data.length > 0) return new Uint8Array(Float32Array.from(tensor.float_data).buffer);
  if (tensor.int32_data.length > 0) return new Uint8Array(Int32Array.from(tensor.int32_data).buffer);
  if (tensor.int64_data.length > 0) return new Uint8Array(BigInt64Array.from(tensor.int64_data.map((v) => BigInt(toNumber(v)))).buffer);
  return new Uint8Array(0);
}

/** Builds a tensor held in raw_data. */
export function rawTensor(name: string, dataType: number, dims: readonly number[], bytes: Uint8Array): TensorProto {
  return { name, dims: [...dims], data_type: dataType, raw_data: bytes, float_data: [], int32_data: [], int64_data: [], external_data: [] };
}

/** Builds an int64 tensor (for Constant nodes and shape initializers). */
export function int64Tensor(name: string, dims: readonly number[], values: readonly number[]): TensorProto {
  return rawTensor(name, DataType.INT64, dims, new Uint8Array(BigInt64Array.from(values.map(BigInt)).buffer));
}

/** Builds a node; attributes are given as INT, INTS, FLOAT or TENSOR values. */
export function makeNode(
  opType: string,
  inputs: string[],
  outputs: string[],
  name: string,
  attributes: Record<string, number | number[] | TensorProto | { float: number }> = {},
  domain?: string,
): NodeProto {
  const attribute: AttributeProto[] = Object.entries(attributes).map(([key, value]) => {
    if (Array.isArray(value)) return { name: key, type: AttributeType.INTS, ints: value };
    if (typeof value === 'number') return { name: key, type: AttributeType.INT, i: value, ints: [] };
    if ('float' in value) return { name: key, type: AttributeType.FLOAT, f: value.float, ints: [] };
    return { name: key, type: AttributeType.TENSOR, t: value, ints: [] };
  });
  return { input: inputs, output: outputs, name, op_type: opType, attribute, ...(domain ? { domain } : {}) };
}
