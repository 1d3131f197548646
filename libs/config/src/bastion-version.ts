import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Bastion's version, from the root package.json (REST `/system/version`, the telemetry resource). */
export const BASTION_VERSION: string = (
  JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as { version: string }
).version;
