import { LOG_LEVELS, LOG_LEVEL_TARGETS } from '@bastion/observability';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

const level = z.enum(LOG_LEVELS);

export class SetLogLevelDto extends createZodDto(
  z
    .object({
      level: level.describe(
        'The new level: `debug` (also captures redacted request payloads), `info`, `warn` or `error`.',
      ),
      target: z
        .enum(LOG_LEVEL_TARGETS)
        .default('all')
        .describe(
          'Which processes: `api` (this control plane), `proxy` (every MCP worker, also those started later) or `all`.',
        ),
    })
    .strict(),
) {}

export class LogLevelsDto extends createZodDto(
  z.object({
    api: level.describe('The level this control plane logs at now.'),
    proxy: level
      .nullable()
      .describe(
        'The level last set for the MCP workers at runtime; null if none was (they use their LOG_LEVEL).',
      ),
  }),
) {}
