/**
 * @arr/core: the types, semantics and composites shared by every @arr adapter.
 * Adapters implement {@link Adapter}; `createNamespace(adapter)` gives users the namespace.
 * @packageDocumentation
 */
export { createNamespace, type ArrayNamespace, type NamespaceCore, type DTypeConstants } from './namespace.js';
export { NDArray, isNDArray, type ArrayLike, type IndexKey, type NestedArray, type Scalar, type ReduceOptions } from './array.js';
export type {
  Adapter, ArgReduceOp, BinaryOp, Capabilities, Device, EngineInfo, FillValue, KernelArray, ReduceOp, ScanOp, UnaryOp,
  LinalgKernels, FftKernels,
} from './adapter.js';
export { makeDevice, indexOutOfRange, linalgError, negativeIntegerPower } from './adapter.js';
export {
  DTYPES, DTYPE_INFO, HOST_ARRAY, allocHost, finfo, iinfo, isdtype, isDType, lanes, realDType, complexDType,
  type DType, type DTypeKind, type DTypeCategory, type DTypeInfo, type FInfo, type IInfo, type HostArray, type HostTypedArrayMap,
} from './dtypes.js';
export {
  resultType, canCast, promoteTypes, DEFAULT_FLOAT, DEFAULT_INT, DEFAULT_INDEX, DEFAULT_COMPLEX,
  type ComplexLike, type WeakScalar,
} from './promotion.js';
export { ArrError, ShapeError, DTypeError, AxisError, IndexError, DeviceError, DisposedError, ValueError } from './errors.js';
export { broadcastShapes, sizeOf, stridesOf, type Shape } from './shape.js';
export { halfToNumber, numberToHalf, roundToHalf } from './host.js';
export { parseNpy, encodeNpy, type NpyContents } from './npy.js';
export { UNARY, BINARY, type ElementwiseSpec, type Category } from './spec/elementwise.js';
export type { Info, DefaultDTypes } from './info.js';
export type * from './api/creation.js';
export type * from './api/data-types.js';
export type * from './api/elementwise.js';
export type * from './api/indexing.js';
export type * from './api/linalg-main.js';
export type * from './api/manipulation.js';
export type * from './api/searching.js';
export type * from './api/set.js';
export type * from './api/sorting.js';
export type * from './api/statistical.js';
export type * from './api/utility.js';
export type * from './api/io.js';
export type * from './api/linalg.js';
export type * from './api/fft.js';
