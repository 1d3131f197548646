import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MCP_ERRORS } from './mcp-errors';

describe('MCP error code table', () => {
  it('is documented in the README, code by code', () => {
    const readme = readFileSync(join(__dirname, '../../../README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('### MCP error codes'), readme.indexOf('## Configuration'));
    // Cells may be padded (prettier aligns markdown tables).
    const rows = [...table.matchAll(/^\| (-\d+) +\| (.+?) *\|$/gm)].map((m) => [Number(m[1]), m[2]]);
    expect(rows).toEqual(Object.values(MCP_ERRORS).map((e) => [e.code, e.meaning]));
  });

  it('uses distinct codes', () => {
    const codes = Object.values(MCP_ERRORS).map((e) => e.code);
    expect(new Set(codes).size).toBe(codes.length);
  });
});
