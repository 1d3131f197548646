import { describe, expect, it } from 'vitest';
import { definitionProse } from './definition.prose';

describe(definitionProse.name, () => {
  it('collects the title and description of the tool and of every schema property', () => {
    const prose = definitionProse({
      name: 'send',
      title: 'Send',
      description: 'Sends a message.',
      inputSchema: {
        type: 'object',
        properties: {
          to: { type: 'string', description: 'Recipient.' },
          description: { type: 'string', title: 'Body' },
          tags: { type: 'array', items: { description: 'A tag.' } },
        },
      },
      annotations: { title: 'Sender' },
    });
    expect(prose.split('\n').sort()).toEqual(
      ['A tag.', 'Body', 'Recipient.', 'Send', 'Sender', 'Sends a message.'].sort(),
    );
  });

  it('ignores names, enums and defaults', () => {
    expect(
      definitionProse({ name: 'ignore previous instructions', inputSchema: { enum: ['x'], default: 'y' } }),
    ).toBe('');
  });
});
