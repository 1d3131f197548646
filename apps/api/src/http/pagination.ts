import { BadRequestException } from '@nestjs/common';
import { z } from 'zod';

/** Query parameters every list endpoint accepts. */
export const pageQueryShape = {
  limit: z.coerce.number().int().min(1).max(200).default(50).describe('Items per page (1–200, default 50).'),
  cursor: z.string().max(200).optional().describe('`nextCursor` from the previous page.'),
};

/** A page of results, newest first. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item).describe('The results on this page.'),
    nextCursor: z
      .string()
      .nullable()
      .describe('Pass as `cursor` to get the next page; null on the last page.'),
  });
}

interface CursorPosition {
  createdAt: Date;
  id: string;
}

/** Prisma arguments for one page ordered by (createdAt, id) descending, keyset-paginated. */
export function pageArgs(query: { limit: number; cursor?: string | undefined }) {
  const position = query.cursor ? decodeCursor(query.cursor) : null;
  return {
    take: query.limit + 1,
    orderBy: [{ createdAt: 'desc' as const }, { id: 'desc' as const }],
    where: position
      ? {
          OR: [
            { createdAt: { lt: position.createdAt } },
            { createdAt: position.createdAt, id: { lt: position.id } },
          ],
        }
      : {},
  };
}

/** Cuts the extra row fetched by {@link pageArgs} and turns it into the next cursor. */
export function toPage<R extends CursorPosition, T>(rows: R[], limit: number, map: (row: R) => T) {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  const nextCursor = rows.length > limit && last ? encodeCursor(last) : null;
  return { items: items.map(map), nextCursor };
}

function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.createdAt.toISOString(), position.id])).toString('base64url');
}

function decodeCursor(cursor: string): CursorPosition {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    const parsed = z.tuple([z.iso.datetime(), z.uuid()]).parse([createdAt, id]);
    return { createdAt: new Date(parsed[0]), id: parsed[1] };
  } catch {
    throw new BadRequestException('The cursor is invalid; use nextCursor from a previous page.');
  }
}
