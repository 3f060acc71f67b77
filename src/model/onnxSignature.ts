/**
 * Reads what a model's loader must check before creating a session, straight from the ONNX file's
 * protobuf bytes: the graph's input and output names and the size of each initializer. Tensor data
 * is skipped, never copied, so a large graph costs one pass over its bytes.
 *
 * Field numbers are those of onnx/onnx.proto (IR version 10): ModelProto.graph = 7;
 * GraphProto.initializer = 5, input = 11, output = 12; ValueInfoProto.name = 1; TensorProto.dims = 1,
 * data_type = 2, name = 8, raw_data = 9, external_data = 13 (StringStringEntryProto key = 1, value = 2).
 */

/** One initializer: its name and size in bytes (from its shape and element type). */
export interface InitializerInfo {
  name: string;
  bytes: number;
}

/** The graph's interface and weights, as far as the loaders check them. */
export interface GraphSignature {
  inputs: string[];
  outputs: string[];
  initializers: InitializerInfo[];
}

/** The bytes are not an ONNX model (or are cut short). */
export class OnnxFormatError extends Error {
  readonly code = 'onnx-format';
  constructor(detail: string) {
    super(`The ONNX file could not be read (${detail}). Download it again; if the error stays, the file is not an ONNX model.`);
    this.name = 'OnnxFormatError';
  }
}

/** Bytes per element of TensorProto.DataType values (4-bit types count as half a byte). */
const ELEMENT_BYTES: Record<number, number> = {
  1: 4, 2: 1, 3: 1, 4: 2, 5: 2, 6: 4, 7: 8, 9: 1, 10: 2, 11: 8, 12: 4, 13: 8, 14: 8, 15: 16, 16: 2,
  17: 1, 18: 1, 19: 1, 20: 1, 21: 0.5, 22: 0.5, 23: 0.5,
};

const VARINT = 0;
const FIXED64 = 1;
const LENGTH_DELIMITED = 2;
const FIXED32 = 5;

class Reader {
  pos = 0;
  constructor(private readonly buf: Uint8Array) {}

  varint(): number {
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.buf.length) throw new OnnxFormatError(`a number runs past the end at byte ${this.pos}`);
      const byte = this.buf[this.pos++]!;
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 128;
    }
    throw new OnnxFormatError(`a number at byte ${this.pos} is longer than 10 bytes`);
  }

  /** Reads a length prefix and returns the end offset of the field it announces. */
  end(): number {
    const length = this.varint();
    const end = this.pos + length;
    if (end > this.buf.length) throw new OnnxFormatError(`a field of ${length} bytes at byte ${this.pos} runs past the end (${this.buf.length} bytes)`);
    return end;
  }

  string(): string {
    const end = this.end();
    const text = new TextDecoder().decode(this.buf.subarray(this.pos, end));
    this.pos = end;
    return text;
  }

  skip(wireType: number): void {
    if (wireType === VARINT) this.varint();
    else if (wireType === FIXED64) this.pos += 8;
    else if (wireType === LENGTH_DELIMITED) this.pos = this.end();
    else if (wireType === FIXED32) this.pos += 4;
    else throw new OnnxFormatError(`unsupported wire type ${wireType} at byte ${this.pos}`);
  }

  /** Calls `field` for each field until `end`; `field` returns false to have the value skipped. */
  fields(end: number, field: (number: number, wireType: number) => boolean): void {
    while (this.pos < end) {
      const tag = this.varint();
      const wireType = tag & 7;
      if (!field(Math.floor(tag / 8), wireType)) this.skip(wireType);
    }
    if (this.pos !== end) throw new OnnxFormatError(`a message ends at byte ${this.pos} instead of ${end}`);
  }
}

function readValueInfoName(reader: Reader): string {
  const end = reader.end();
  let name = '';
  reader.fields(end, (number, wireType) => {
    if (number !== 1 || wireType !== LENGTH_DELIMITED) return false;
    name = reader.string();
    return true;
  });
  return name;
}

function readInitializer(reader: Reader): InitializerInfo {
  const end = reader.end();
  let name = '';
  let dataType = 0;
  let rawBytes = -1;
  let externalLength = -1;
  const dims: number[] = [];
  reader.fields(end, (number, wireType) => {
    if (number === 1 && wireType === VARINT) dims.push(reader.varint());
    else if (number === 1 && wireType === LENGTH_DELIMITED) {
      const dimsEnd = reader.end();
      while (reader.pos < dimsEnd) dims.push(reader.varint());
    } else if (number === 2 && wireType === VARINT) dataType = reader.varint();
    else if (number === 8 && wireType === LENGTH_DELIMITED) name = reader.string();
    else if (number === 9 && wireType === LENGTH_DELIMITED) {
      const rawEnd = reader.end();
      rawBytes = rawEnd - reader.pos;
      reader.pos = rawEnd;
    } else if (number === 13 && wireType === LENGTH_DELIMITED) {
      const entryEnd = reader.end();
      let key = '';
      let value = '';
      reader.fields(entryEnd, (entryField, entryWire) => {
        if (entryWire !== LENGTH_DELIMITED || (entryField !== 1 && entryField !== 2)) return false;
        if (entryField === 1) key = reader.string();
        else value = reader.string();
        return true;
      });
      if (key === 'length') externalLength = Number(value);
    } else return false;
    return true;
  });
  const elementBytes = ELEMENT_BYTES[dataType];
  const fromShape = elementBytes === undefined ? -1 : Math.ceil(dims.reduce((a, b) => a * b, 1) * elementBytes);
  return { name, bytes: Math.max(fromShape, rawBytes, externalLength, 0) };
}

/** Reads the graph's inputs, outputs and initializer sizes. Throws an OnnxFormatError on malformed bytes. */
export function readGraphSignature(bytes: Uint8Array): GraphSignature {
  const reader = new Reader(bytes);
  const signature: GraphSignature = { inputs: [], outputs: [], initializers: [] };
  let sawGraph = false;
  reader.fields(bytes.length, (number, wireType) => {
    if (number !== 7 || wireType !== LENGTH_DELIMITED) return false;
    sawGraph = true;
    const graphEnd = reader.end();
    reader.fields(graphEnd, (graphField, graphWire) => {
      if (graphWire !== LENGTH_DELIMITED) return false;
      if (graphField === 11) signature.inputs.push(readValueInfoName(reader));
      else if (graphField === 12) signature.outputs.push(readValueInfoName(reader));
      else if (graphField === 5) signature.initializers.push(readInitializer(reader));
      else return false;
      return true;
    });
    return true;
  });
  if (!sawGraph) throw new OnnxFormatError('no graph found');
  // A graph may list initializers among its inputs (IR version 3 and older); those are not fed.
  const constant = new Set(signature.initializers.map((i) => i.name));
  signature.inputs = signature.inputs.filter((name) => !constant.has(name));
  return signature;
}
