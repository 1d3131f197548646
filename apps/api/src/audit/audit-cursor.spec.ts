import { BadRequestException } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { decodeAuditCursor, encodeAuditCursor } from './audit-cursor';
import { likePattern } from './audit-where.sql';

describe('audit cursor', () => {
  it('round-trips a position to the millisecond', () => {
    const position = {
      time: new Date('2026-01-01T00:00:00.123Z'),
      id: '0b0f4f6e-8a3b-4c1e-9d2a-5f6e7a8b9c0d',
    };
    expect(decodeAuditCursor(encodeAuditCursor(position))).toEqual(position);
  });

  it.each(['', 'x', Buffer.from('["2026-01-01T00:00:00Z","not-a-uuid"]').toString('base64url')])(
    'refuses %j with a 400',
    (cursor) => {
      expect(() => decodeAuditCursor(cursor)).toThrow(BadRequestException);
    },
  );
});

describe(likePattern.name, () => {
  it('takes LIKE wildcards and the escape character literally', () => {
    expect(likePattern('100%_off\\')).toBe('%100\\%\\_off\\\\%');
  });
});
