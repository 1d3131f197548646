import { z } from 'zod';

/** One invalid field of a rejected request. */
export const fieldErrorSchema = z.object({
  path: z.string().describe('Where the problem is, e.g. `body.rules.0.detector`.'),
  message: z.string().describe('What is wrong with it.'),
});

/** The body of every REST error. Never contains a stack trace. */
export const apiErrorSchema = z.object({
  statusCode: z.number().int().describe('HTTP status code.'),
  error: z.string().describe('HTTP status text, e.g. `Bad Request`.'),
  message: z.string().describe('What went wrong, for a person.'),
  details: z.array(fieldErrorSchema).optional().describe('The invalid fields, on 400.'),
});

export type FieldError = z.infer<typeof fieldErrorSchema>;
export type ApiError = z.infer<typeof apiErrorSchema>;
