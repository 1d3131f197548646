import { MemberRole } from '@bastion/db';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

const role = z.enum(MemberRole).describe('Role in the project: owner, admin, member or viewer.');

export const projectMemberSchema = z.object({
  projectId: z.uuid().describe('Project id.'),
  userId: z.uuid().describe('User id.'),
  email: z.string().describe("The user's e-mail address."),
  name: z.string().nullable().describe("The user's display name."),
  role: role,
  createdAt: z.iso.datetime().describe('When the user joined the project (ISO 8601).'),
  updatedAt: z.iso.datetime().describe('Last change of the membership (ISO 8601).'),
});

export class ProjectMemberDto extends createZodDto(projectMemberSchema) {}

export class ProjectMemberListDto extends createZodDto(
  z.object({ items: z.array(projectMemberSchema).describe('Members of the project, earliest first.') }),
) {}

/** Body of `POST|PUT /projects/{id}/members`. */
export class AddProjectMemberDto extends createZodDto(
  z
    .object({
      userId: z.uuid().describe('Id of the user to add.'),
      role: role
        .optional()
        .describe(
          'Role in the project; `member` for a new member, unchanged for an existing one when omitted.',
        ),
    })
    .strict(),
) {}

export class UpdateProjectMemberDto extends createZodDto(z.object({ role }).strict()) {}

/** `:id/members/:userId` path parameters. */
export class ProjectMemberParamDto extends createZodDto(
  z.object({ id: z.uuid().describe('Project id.'), userId: z.uuid().describe('User id.') }),
) {}
