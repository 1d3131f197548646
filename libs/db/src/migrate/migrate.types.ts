/** Receives one human-readable progress line at a time (e.g. write it to stderr). */
export type LogFn = (line: string) => void;

/** Options for {@link applyMigrations}. */
export interface ApplyMigrationsOptions {
  /** `postgresql://…` URL of the database to migrate; it is created when missing. */
  databaseUrl: string;
  /** Absolute path of the Prisma migrations folder (`prisma/migrations`). */
  migrationsDir: string;
  /** Progress lines (one per applied migration). */
  log?: LogFn;
}

/** Result of {@link applyMigrations}. */
export interface ApplyMigrationsResult {
  /** Folder names of the migrations applied by this call, in order; empty when none were pending. */
  applied: string[];
}

/** Options for {@link createMigration}. */
export interface CreateMigrationOptions {
  /**
   * A server the temporary shadow database is created on (`CREATE DATABASE bastion_shadow_<random>`,
   * dropped afterwards). Nothing else is written there.
   */
  databaseUrl: string;
  /**
   * A dedicated, disposable database to use as the shadow database instead of creating one on
   * `databaseUrl` (for servers without CREATE DATABASE, such as PGlite). Its `public` schema is wiped.
   */
  shadowDatabaseUrl?: string;
  /** Path of the Prisma schema file the new migration should reach. */
  schemaPath: string;
  /** Absolute path of the Prisma migrations folder. */
  migrationsDir: string;
  /** Migration name: lowercase letters, digits and underscores (`add_user_email`). */
  name: string;
  /** Progress lines. */
  log?: LogFn;
}

/** Result of {@link createMigration}. */
export interface CreateMigrationResult {
  /** Path of the written `migration.sql`, or null when the schema already matches the migrations. */
  path: string | null;
}
