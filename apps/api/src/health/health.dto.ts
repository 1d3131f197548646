import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

const check = z.object({
  ok: z.boolean().describe('Whether the dependency answered.'),
  error: z.string().optional().describe('Why it did not.'),
});

export class LivenessDto extends createZodDto(
  z.object({ status: z.literal('ok').describe('Always `ok` while the process runs.') }),
) {}

export class ReadinessDto extends createZodDto(
  z.object({
    status: z.enum(['ready', 'unavailable']).describe('`ready` when every dependency answered.'),
    checks: z
      .object({
        postgres: check.describe('PostgreSQL.'),
        redis: check.describe('Redis.'),
        queue: check.describe('The audit queue (BullMQ job counts; always ok in-process, without Redis).'),
      })
      .describe('One entry per dependency.'),
  }),
) {}
