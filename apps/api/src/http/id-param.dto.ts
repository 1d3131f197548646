import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

/** `:id` path parameter. */
export class IdParamDto extends createZodDto(z.object({ id: z.uuid().describe('Resource id (UUID).') })) {}
