import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENV_DOCS } from './env.schema';

describe('README configuration table', () => {
  const readme = readFileSync(join(__dirname, '../../../README.md'), 'utf8');
  const table = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('## Operations'));

  it('lists every environment variable the schema reads', () => {
    const missing = ENV_DOCS.filter((doc) => !table.includes(`| \`${doc.name}\` |`)).map((doc) => doc.name);
    expect(missing).toEqual([]);
  });

  it('lists no variable the schema does not read', () => {
    const listed = [...table.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((match) => match[1]);
    expect(listed.sort()).toEqual(ENV_DOCS.map((doc) => doc.name).sort());
  });
});
