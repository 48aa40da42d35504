import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

export type HsdsSchemaName = 'service' | 'service_list' | 'organization' | 'organization_list';

const cache = new Map<string, ValidateFunction>();

/**
 * A validator for one of the official HSDS 3 schemas, read in place from `dir/compiled/` (never copied
 * into the project). The compiled schemas carry Open Referral's own keywords (`core`, `constraints`,
 * `datapackage_metadata`...), which a strict ajv would refuse: they are annotations, so strict is off.
 */
export function hsdsValidator(dir: string, name: HsdsSchemaName): ValidateFunction {
  const file = path.resolve(dir, 'compiled', `${name}.json`);
  const cached = cache.get(file);
  if (cached) return cached;
  const ajv = new Ajv({ strict: false, allErrors: true });
  // ajv-formats is CommonJS: under ESM its plugin is the module's `default`.
  addFormats.default(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(file, 'utf8')) as object);
  cache.set(file, validate);
  return validate;
}

export const describeErrors = (errors: ErrorObject[] | null | undefined) => (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`.trim());
