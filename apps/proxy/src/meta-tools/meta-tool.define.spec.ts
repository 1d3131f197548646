import { MCP_ERRORS } from '@bastion/contracts';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineMetaTool } from './meta-tool.define';
import type { MetaToolContext } from './meta-tool.types';

const tool = defineMetaTool({
  tool: 'sample',
  title: 'Sample',
  description: 'A sample meta-tool.',
  args: z.object({ count: z.number().int().min(1).max(3).default(2) }).strict(),
  annotations: { readOnlyHint: true },
  run: (_context, { count }) => Promise.resolve({ count }),
});
const context = {} as MetaToolContext;

describe(defineMetaTool.name, () => {
  it('names the tool bastion__<tool> and derives a draft-07 inputSchema from the arguments', () => {
    expect(tool.name).toBe('bastion__sample');
    expect(tool.definition['inputSchema']).toEqual({
      type: 'object',
      properties: { count: { type: 'integer', minimum: 1, maximum: 3, default: 2 } },
      additionalProperties: false,
    });
  });

  it('answers with text JSON and structuredContent', async () => {
    await expect(tool.call(context, {})).resolves.toEqual({
      content: [{ type: 'text', text: '{"count":2}' }],
      structuredContent: { count: 2 },
    });
  });

  it('refuses bad arguments with -32602 naming the problem', async () => {
    await expect(tool.call(context, { count: 9 })).rejects.toMatchObject({
      code: MCP_ERRORS.invalidParams.code,
      message: expect.stringMatching(/bastion__sample.*count/s),
    });
    await expect(tool.call(context, { extra: true })).rejects.toMatchObject({
      code: MCP_ERRORS.invalidParams.code,
    });
  });
});
