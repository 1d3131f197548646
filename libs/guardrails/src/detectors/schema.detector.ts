import Ajv, { type ValidateFunction } from 'ajv';
import type { DetectorFactory, Finding } from '../engine/detector.types';

/**
 * `schema`: tool arguments must match the tool's declared `inputSchema` (input direction only).
 * Validators are compiled once per schema object; a schema that does not compile is a finding
 * itself (the tool declares something unusable), never a crash.
 */
export const schemaDetector: DetectorFactory = {
  id: 'schema',
  prepare(options) {
    const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
    const compiled = new WeakMap<object, ValidateFunction | Error>();
    const additional = options['allowAdditionalProperties'] !== false;
    return {
      inspect: ({ direction, payload, inputSchema }) => {
        if (direction !== 'input' || !inputSchema) return [];
        let validate = compiled.get(inputSchema);
        if (!validate) {
          validate = compile(ajv, additional ? inputSchema : { ...inputSchema, additionalProperties: false });
          compiled.set(inputSchema, validate);
        }
        if (validate instanceof Error)
          return [{ path: '$', kind: 'schema-unusable', confidence: 1, wholeValue: true }];
        return validate(payload) ? [] : schemaFindings(validate);
      },
    };
  },
};

function compile(ajv: Ajv, schema: object): ValidateFunction | Error {
  try {
    return ajv.compile(schema);
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

function schemaFindings(validate: ValidateFunction): Finding[] {
  return (validate.errors ?? []).slice(0, 20).map((error) => ({
    path: `$${error.instancePath.replace(/\/([^/]+)/g, (_m, key: string) => (/^\d+$/.test(key) ? `[${key}]` : `.${key}`))}`,
    kind: `schema-${error.keyword}`,
    confidence: 1,
    wholeValue: true,
  }));
}
