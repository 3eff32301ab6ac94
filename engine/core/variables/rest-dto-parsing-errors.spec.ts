import { VariableValueError, fromDto, fromDtoMap } from './index.js';

function errorOf(action: () => unknown): VariableValueError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(VariableValueError);
    return error as VariableValueError;
  }
  throw new Error('expected a VariableValueError');
}

describe('fromDto: client errors', () => {
  it('names the variable and the expectation', () => {
    const error = errorOf(() => fromDto('amount', { value: 'abc', type: 'Integer' }));
    expect(error.message).toBe(
      "Cannot convert value 'abc' of variable 'amount' to type Integer: expected a 32-bit integer",
    );
    expect(error.variableName).toBe('amount');
    expect(error.name).toBe('VariableValueError');
  });

  it.each<[string, unknown, string]>([
    ['Integer', 2147483648, "Cannot convert value '2147483648' of variable 'v' to type Integer: expected a 32-bit integer"],
    ['Integer', -2147483649, 'expected a 32-bit integer'],
    ['Integer', 1.5, "Cannot convert value '1.5' of variable 'v' to type Integer: expected a 32-bit integer"],
    ['Integer', '1.5', 'expected a 32-bit integer'],
    ['Integer', '', 'expected a 32-bit integer'],
    ['Integer', ' 42', 'expected a 32-bit integer'],
    ['Integer', true, 'expected a 32-bit integer'],
    ['Integer', [1], 'expected a 32-bit integer'],
    ['Short', 32768, 'to type Short: expected a 16-bit integer'],
    ['Short', 'x', 'to type Short: expected a 16-bit integer'],
    ['Long', '9223372036854775808', 'to type Long: expected a 64-bit integer'],
    ['Long', 2 ** 63, 'to type Long: expected a 64-bit integer'],
    ['Long', 'abc', 'to type Long: expected a 64-bit integer'],
    ['Long', 0.5, 'to type Long: expected a 64-bit integer'],
    ['Double', 'abc', "Cannot convert value 'abc' of variable 'v' to type Double: expected a finite number"],
    ['Double', '1e999', 'expected a finite number'],
    ['Double', 'NaN', 'expected a finite number'],
    ['Double', false, 'expected a finite number'],
    ['Boolean', 'yes', "Cannot convert value 'yes' of variable 'v' to type Boolean: expected true or false"],
    ['Boolean', 1, 'expected true or false'],
    ['String', { a: 1 }, `Cannot convert value '{"a":1}' of variable 'v' to type String: expected a string`],
    ['String', ['a'], 'expected a string'],
    ['Date', 'not a date', "Cannot convert value 'not a date' of variable 'v' to type Date: expected an ISO 8601 date-time such as 2031-06-01T09:30:00.000+0000"],
    ['Date', '2031-02-30T00:00:00Z', 'to type Date: expected an ISO 8601 date-time'],
    ['Date', 1780000000000, 'to type Date: expected an ISO 8601 date-time'],
    ['Json', '{bad json', "Cannot convert value '{bad json' of variable 'v' to type Json: expected JSON text (or a JSON value)"],
    ['Json', '', 'to type Json: expected JSON text'],
    ['Json', 'hello', 'to type Json: expected JSON text'],
    ['Xml', 5, 'to type Xml: expected XML text as a string'],
    ['Bytes', 'not base64!', "Cannot convert value 'not base64!' of variable 'v' to type Bytes: expected a base64 string"],
    ['Bytes', 'A', 'to type Bytes: expected a base64 string'],
    ['Bytes', 'AAA=A', 'to type Bytes: expected a base64 string'],
    ['Bytes', [1, 2], 'to type Bytes: expected a base64 string'],
    ['Null', 'x', "Cannot convert value 'x' of variable 'v' to type Null: expected null"],
    ['Foo', 'x', "Cannot convert value 'x' of variable 'v' to type Foo: unsupported type, expected one of String, Integer, Long, Short, Double, Boolean, Date, Null, Json, Xml, Bytes, Object"],
    ['File', 'x', 'to type File: unsupported type'],
    ['', 'x', 'unsupported type'],
  ])('%s with %j', (type, value, message) => {
    const error = errorOf(() => fromDto('v', { type, value }));
    expect(error.message).toContain(message);
    expect(error.variableName).toBe('v');
  });

  it('Object: rejects bad JSON, other data formats and a missing objectTypeName', () => {
    expect(errorOf(() => fromDto('o', { type: 'Object', value: '{x', valueInfo: { objectTypeName: 'X' } })).message).toBe(
      "Cannot convert value '{x' of variable 'o' to type Object: expected JSON text (serializationDataFormat 'application/json')",
    );
    const xml = { objectTypeName: 'X', serializationDataFormat: 'application/xml' };
    expect(errorOf(() => fromDto('o', { type: 'Object', value: '<x/>', valueInfo: xml })).message).toContain(
      "of variable 'o' to type Object: expected valueInfo.serializationDataFormat 'application/json'",
    );
    const java = { objectTypeName: 'X', serializationDataFormat: 'application/x-java-serialized-object' };
    expect(errorOf(() => fromDto('o', { type: 'Object', value: 'rO0=', valueInfo: java })).message).toContain(
      "got 'application/x-java-serialized-object'",
    );
    expect(errorOf(() => fromDto('o', { type: 'Object', value: '{}' })).message).toBe(
      "Cannot convert value '{}' of variable 'o' to type Object: expected valueInfo.objectTypeName to name the object type",
    );
  });

  it('shortens huge offending values in messages', () => {
    const message = errorOf(() => fromDto('v', { type: 'Integer', value: 'x'.repeat(10_000) })).message;
    expect(message.length).toBeLessThan(250);
    expect(message).toContain(`'${'x'.repeat(100)}...'`);
  });

  it('rejects a DTO that is not an object', () => {
    for (const dto of [null, undefined, 'x', 5, [{ value: 1 }]]) {
      const error = errorOf(() => fromDto('v', dto));
      expect(error.message).toContain("Invalid variable 'v': expected an object");
    }
  });

  it('rejects a non-string type and a non-object valueInfo', () => {
    expect(errorOf(() => fromDto('v', { type: 5, value: 1 })).message).toBe(
      "Invalid type of variable 'v': expected a type name string",
    );
    expect(errorOf(() => fromDto('v', { type: 'String', value: 'x', valueInfo: 'y' })).message).toBe(
      "Invalid valueInfo of variable 'v': expected a JSON object",
    );
    expect(errorOf(() => fromDto('v', { type: 'String', value: 'x', valueInfo: [] })).variableName).toBe('v');
  });
});

describe('fromDtoMap: parsing and errors', () => {
  it('parses every entry in order', () => {
    const map = fromDtoMap({
      amount: { value: 42, type: 'Integer' },
      customer: { value: '{"name":"Ada"}', type: 'json' },
      note: { value: 'hi' },
    });
    expect([...map.keys()]).toEqual(['amount', 'customer', 'note']);
    expect(map.get('amount')).toEqual({ type: 'Integer', value: 42 });
    expect(map.get('customer')).toEqual({ type: 'Json', value: { name: 'Ada' } });
    expect(map.get('note')).toEqual({ type: 'String', value: 'hi' });
  });

  it('treats null/undefined as no variables', () => {
    expect(fromDtoMap(null).size).toBe(0);
    expect(fromDtoMap(undefined).size).toBe(0);
    expect(fromDtoMap({}).size).toBe(0);
  });

  it('rejects a non-object, naming the field', () => {
    for (const map of ['x', 5, true, [{ value: 1 }]]) {
      const error = errorOf(() => fromDtoMap(map));
      expect(error.variableName).toBe('variables');
      expect(error.message).toContain("Invalid 'variables'");
    }
    const error = errorOf(() => fromDtoMap([], 'localVariables'));
    expect(error.variableName).toBe('localVariables');
    expect(error.message).toContain("Invalid 'localVariables'");
  });

  it('rejects an empty variable name', () => {
    expect(errorOf(() => fromDtoMap({ '': { value: 1 } })).message).toBe(
      "Invalid 'variables': variable names must be non-empty strings",
    );
  });

  it('reports the first bad variable by name', () => {
    const error = errorOf(() => fromDtoMap({ ok: { value: 1 }, amount: { value: 'abc', type: 'Integer' } }));
    expect(error.variableName).toBe('amount');
  });

  it('keeps a variable called __proto__ as a variable', () => {
    const map = fromDtoMap(JSON.parse('{"__proto__": {"value": "x", "type": "String"}}'));
    expect(map.get('__proto__')).toEqual({ type: 'String', value: 'x' });
  });

  it('accepts a Map', () => {
    expect(fromDtoMap(new Map([['a', { value: true }]])).get('a')).toEqual({ type: 'Boolean', value: true });
  });
});
