// A tiny JSON Schema validator for the subset of keywords the planner's ladder schema
// (tests/fixtures/planner/ladder.schema.json) uses. Hand-written rather than a
// dependency (ajv): the subset is ten keywords, and a schema using any keyword this
// file does not know is refused outright, so no constraint can be skipped silently
// (a general validator would quietly ignore a misspelt keyword).
const ANNOTATIONS = new Set(['$schema', '$id', 'title', 'description', '$comment']);
const KEYWORDS = new Set(['type', 'properties', 'required', 'additionalProperties', 'items',
  'minItems', 'maxItems', 'minimum', 'maximum', 'minLength', 'maxLength']);

function typeOf(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function typeMatches(want, got) {
  return want === got || (want === 'number' && got === 'integer');
}

/**
 * Validate `value` against `schema`. Returns a list of problems, each "path: what".
 * Throws when the schema uses a keyword this validator does not implement.
 */
export function validate(schema, value, path = '$') {
  for (const k of Object.keys(schema)) {
    if (!KEYWORDS.has(k) && !ANNOTATIONS.has(k)) throw new Error(`json-schema.mjs does not implement "${k}" (at ${path})`);
  }
  const errors = [];
  const got = typeOf(value);
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (!types.some((t) => typeMatches(t, got))) {
      errors.push(`${path}: expected ${types.join(' or ')}, found ${got}`);
      return errors;
    }
  }
  if (got === 'integer' || got === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) errors.push(`${path}: ${value} is below the minimum ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) errors.push(`${path}: ${value} is above the maximum ${schema.maximum}`);
  }
  if (got === 'string') {
    if (schema.minLength !== undefined && value.length < schema.minLength) errors.push(`${path}: shorter than ${schema.minLength}`);
    if (schema.maxLength !== undefined && value.length > schema.maxLength) errors.push(`${path}: longer than ${schema.maxLength}`);
  }
  if (got === 'array') {
    if (schema.minItems !== undefined && value.length < schema.minItems) errors.push(`${path}: fewer than ${schema.minItems} items`);
    if (schema.maxItems !== undefined && value.length > schema.maxItems) errors.push(`${path}: more than ${schema.maxItems} items`);
    if (schema.items) value.forEach((x, i) => errors.push(...validate(schema.items, x, `${path}[${i}]`)));
  }
  if (got === 'object') {
    for (const r of schema.required || []) if (!(r in value)) errors.push(`${path}: "${r}" is missing`);
    const props = schema.properties || {};
    for (const [k, v] of Object.entries(value)) {
      if (k in props) errors.push(...validate(props[k], v, `${path}.${k}`));
      else if (schema.additionalProperties === false) errors.push(`${path}: "${k}" is not allowed`);
      else if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
        errors.push(...validate(schema.additionalProperties, v, `${path}.${k}`));
      }
    }
  }
  return errors;
}
