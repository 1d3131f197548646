import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { pageQueryShape, pageSchema } from '../../http/pagination';

const email = z
  .email()
  .max(320)
  .transform((value) => value.trim().toLowerCase())
  .describe('E-mail address; the natural key (stored lower-case).');
const name = z.string().trim().min(1).max(200).describe('Display name.');

export const userSchema = z.object({
  id: z.uuid().describe('User id.'),
  email: z.string().describe('E-mail address (lower-case).'),
  name: z.string().nullable().describe('Display name.'),
  createdAt: z.iso.datetime().describe('Creation time (ISO 8601).'),
  updatedAt: z.iso.datetime().describe('Last change (ISO 8601).'),
});

export class UserDto extends createZodDto(userSchema) {}
export class UserPageDto extends createZodDto(pageSchema(userSchema)) {}

export class CreateUserDto extends createZodDto(z.object({ email, name: name.optional() }).strict()) {}

export class UpdateUserDto extends createZodDto(
  z
    .object({
      email: email.optional(),
      name: name.nullable().optional().describe('Display name; null clears it.'),
    })
    .strict(),
) {}

export class ListUsersQueryDto extends createZodDto(
  z
    .object({
      ...pageQueryShape,
      email: z.string().max(320).optional().describe('Exact e-mail address.'),
      q: z.string().max(200).optional().describe('Text contained in the e-mail address or name.'),
    })
    .strict(),
) {}
