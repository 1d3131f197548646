import { BadRequestException } from '@nestjs/common';
import { z } from 'zod';
import type { AuditPosition } from './audit-filter';

const positionSchema = z.tuple([z.iso.datetime(), z.uuid()]);

/** An opaque cursor naming the last event of a page. */
export function encodeAuditCursor(position: AuditPosition): string {
  return Buffer.from(JSON.stringify([position.time.toISOString(), position.id])).toString('base64url');
}

/** The position a cursor names; 400 when it is not one of ours. */
export function decodeAuditCursor(cursor: string): AuditPosition {
  try {
    const [time, id] = positionSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    return { time: new Date(time), id };
  } catch {
    throw new BadRequestException('The cursor is invalid; use nextCursor from a previous page.');
  }
}
