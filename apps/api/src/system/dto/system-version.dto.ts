import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export class SystemVersionDto extends createZodDto(
  z.object({
    version: z.string().describe('Bastion version (from package.json).'),
    schemaVersion: z
      .string()
      .nullable()
      .describe(
        'Name of the latest database migration applied (`<UTC timestamp>_<name>`); null if none is recorded.',
      ),
    configVersion: z
      .number()
      .int()
      .describe('Global configuration version: every committed configuration change increases it.'),
  }),
) {}
