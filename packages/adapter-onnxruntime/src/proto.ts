/**
 * The subset of the ONNX protobuf schema (onnx/onnx.proto, IR version 8) this adapter writes,
 * as a protobufjs reflection root. protobufjs is the maintained, widely used protobuf library
 * for JS; the ONNX field numbers below are those of onnx.proto (checked against onnx-proto's
 * generated code). Only encoding is needed, so no generated code and no .proto parser ship.
 */
import protobuf from 'protobufjs/light.js';

const root = protobuf.Root.fromJSON({
  nested: {
    onnx: {
      nested: {
        AttributeProto: {
          fields: {
            name: { type: 'string', id: 1 }, f: { type: 'float', id: 2 }, i: { type: 'int64', id: 3 },
            s: { type: 'bytes', id: 4 }, t: { type: 'TensorProto', id: 5 }, g: { type: 'GraphProto', id: 6 },
            floats: { rule: 'repeated', type: 'float', id: 7 }, ints: { rule: 'repeated', type: 'int64', id: 8 },
            type: { type: 'int32', id: 20 },
          },
        },
        ValueInfoProto: { fields: { name: { type: 'string', id: 1 }, type: { type: 'TypeProto', id: 2 } } },
        NodeProto: {
          fields: {
            input: { rule: 'repeated', type: 'string', id: 1 }, output: { rule: 'repeated', type: 'string', id: 2 },
            name: { type: 'string', id: 3 }, opType: { type: 'string', id: 4 },
            attribute: { rule: 'repeated', type: 'AttributeProto', id: 5 }, domain: { type: 'string', id: 7 },
          },
        },
        ModelProto: {
          fields: {
            irVersion: { type: 'int64', id: 1 }, producerName: { type: 'string', id: 2 },
            graph: { type: 'GraphProto', id: 7 }, opsetImport: { rule: 'repeated', type: 'OperatorSetIdProto', id: 8 },
          },
        },
        GraphProto: {
          fields: {
            node: { rule: 'repeated', type: 'NodeProto', id: 1 }, name: { type: 'string', id: 2 },
            initializer: { rule: 'repeated', type: 'TensorProto', id: 5 },
            input: { rule: 'repeated', type: 'ValueInfoProto', id: 11 }, output: { rule: 'repeated', type: 'ValueInfoProto', id: 12 },
          },
        },
        TensorProto: {
          fields: {
            dims: { rule: 'repeated', type: 'int64', id: 1 }, dataType: { type: 'int32', id: 2 },
            name: { type: 'string', id: 8 }, rawData: { type: 'bytes', id: 9 },
          },
        },
        TensorShapeProto: {
          fields: { dim: { rule: 'repeated', type: 'Dimension', id: 1 } },
          nested: { Dimension: { fields: { dimValue: { type: 'int64', id: 1 }, dimParam: { type: 'string', id: 2 } } } },
        },
        TypeProto: {
          fields: { tensorType: { type: 'Tensor', id: 1 } },
          nested: { Tensor: { fields: { elemType: { type: 'int32', id: 1 }, shape: { type: 'TensorShapeProto', id: 2 } } } },
        },
        OperatorSetIdProto: { fields: { domain: { type: 'string', id: 1 }, version: { type: 'int64', id: 2 } } },
      },
    },
  },
});

const ModelProto = root.lookupType('onnx.ModelProto');

export interface AttrJSON {
  name: string; type: number; f?: number; i?: number; ints?: number[]; floats?: number[]; t?: TensorJSON; s?: Uint8Array;
}
export interface TensorJSON { name?: string; dims: number[]; dataType: number; rawData: Uint8Array }
export interface NodeJSON { input: string[]; output: string[]; opType: string; attribute?: AttrJSON[]; domain?: string; name?: string }
export interface ValueInfoJSON { name: string; type: { tensorType: { elemType: number; shape?: { dim: { dimValue?: number; dimParam?: string }[] } } } }
export interface GraphJSON { name: string; node: NodeJSON[]; initializer: TensorJSON[]; input: ValueInfoJSON[]; output: ValueInfoJSON[] }

/** Attribute type codes of AttributeProto.AttributeType. */
export const ATTR = { FLOAT: 1, INT: 2, STRING: 3, TENSOR: 4, FLOATS: 6, INTS: 7 } as const;

/** Serialises a model (opset 18 of the default domain, IR version 8). */
export function encodeModel(graph: GraphJSON, opset = 18): Uint8Array {
  const msg = ModelProto.fromObject({ irVersion: 8, producerName: '@arr/adapter-onnxruntime', graph, opsetImport: [{ domain: '', version: opset }] });
  return ModelProto.encode(msg).finish();
}
