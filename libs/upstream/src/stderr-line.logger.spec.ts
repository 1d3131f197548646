import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { forwardStderrLines } from './stderr-line.logger';

describe(forwardStderrLines.name, () => {
  it('emits whole lines across chunks, cuts long ones and skips blank ones', async () => {
    const stream = new PassThrough();
    const lines: string[] = [];
    forwardStderrLines(stream, (line) => lines.push(line), {
      maxLineChars: 10,
      maxLines: 100,
      windowMs: 1_000,
    });
    stream.write('first li');
    stream.write('ne\r\n\n');
    stream.write(`${'z'.repeat(25)}\nlast`);
    stream.end();
    await new Promise((resolve) => stream.on('end', resolve));
    expect(lines).toEqual(['first line', `${'z'.repeat(10)}…`, 'last']);
  });

  it('limits the number of lines per window and reports what it dropped', () => {
    const stream = new PassThrough();
    const lines: string[] = [];
    forwardStderrLines(stream, (line) => lines.push(line), {
      maxLineChars: 100,
      maxLines: 3,
      windowMs: 60_000,
    });
    stream.write(Array.from({ length: 10 }, (_, i) => `line ${i}`).join('\n') + '\n');
    expect(lines).toEqual(['line 0', 'line 1', 'line 2']);
  });
});
