import { Prisma } from '@bastion/db';

/** What a database error means for the client. */
export interface DatabaseErrorClass {
  status: 404 | 409 | 503;
  message: string;
}

const UNAVAILABLE =
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|Connection terminated|timeout exceeded when trying to connect|Can't reach database|the database system is (starting up|shutting down)|terminating connection/i;

/** Maps Prisma / driver errors to REST statuses; null for errors that are our bug (500). */
export function classifyDatabaseError(error: unknown): DatabaseErrorClass | null {
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    if (error.code === 'P2002') return { status: 409, message: 'A resource with that name already exists.' };
    if (error.code === 'P2025') return { status: 404, message: 'The resource was not found.' };
    if (error.code === 'P2003')
      return { status: 409, message: 'The resource is referenced by another resource.' };
    if (['P1001', 'P1002', 'P1017', 'P2024'].includes(error.code)) return unavailable();
  }
  if (error instanceof Prisma.PrismaClientInitializationError) return unavailable();
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : '';
  const text = error instanceof Error ? `${error.name} ${error.message} ${cause}` : '';
  return UNAVAILABLE.test(text) ? unavailable() : null;
}

function unavailable(): DatabaseErrorClass {
  return { status: 503, message: 'The database is unavailable. Try again shortly.' };
}
