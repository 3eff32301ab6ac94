export type {
  RenderedVariableValueDto,
  TypedValue,
  VariableTypeName,
  VariableValueDto,
} from './variable-types.js';
export { VARIABLE_TYPE_NAMES } from './variable-types.js';
export { VariableValueError } from './variable-value-error.js';
export { fromDto, fromDtoMap } from './rest-dto-parsing.js';
export { toDto, toDtoMap, type RenderOptions } from './rest-dto-rendering.js';
export { inferTypedValue } from './typed-value-inference.js';
export { toJsValue } from './js-value.js';
export { serializeForStorage, deserializeFromStorage, type StoredVariable } from './storage-codec.js';
export { formatCamundaDate, isStorableDate, parseCamundaDate } from './camunda-date.js';
export { typedValuesEqual } from './typed-values-equal.js';
