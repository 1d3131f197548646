import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { LOCKFILE_CONTENT, LOCKFILE_NAME } from './migrations-dir.reader';

const NAME_PATTERN = /^[a-z0-9_]+$/;
const MAX_NAME_LENGTH = 100;

/** Throws unless `name` is a usable snake_case migration name. */
export function assertMigrationName(name: string): void {
  if (NAME_PATTERN.test(name) && name.length <= MAX_NAME_LENGTH) return;
  throw new Error(
    `Invalid migration name ${JSON.stringify(name)}: use 1–${MAX_NAME_LENGTH} lowercase letters, digits and underscores (e.g. add_user_email).`,
  );
}

/** `<UTC yyyymmddHHMMSS>_<name>`, the folder name Prisma gives a migration. */
export function migrationFolderName(name: string, now: Date): string {
  const stamp = now.toISOString().replace(/\D/g, '').slice(0, 14);
  return `${stamp}_${name}`;
}

/**
 * Writes `<migrationsDir>/<folder>/migration.sql` (refusing to overwrite an existing folder) and
 * the lock file when there is none yet. Returns the script's path.
 */
export async function writeMigration(migrationsDir: string, folder: string, script: string): Promise<string> {
  const baseDir = resolve(migrationsDir);
  await mkdir(baseDir, { recursive: true });
  const folderPath = join(baseDir, folder);
  try {
    await mkdir(folderPath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      throw new Error(`The migration folder ${folderPath} already exists.`);
    throw error;
  }
  const scriptPath = join(folderPath, 'migration.sql');
  await writeFile(scriptPath, script, 'utf8');
  await writeFile(join(baseDir, LOCKFILE_NAME), LOCKFILE_CONTENT, { flag: 'wx' }).catch(
    (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    },
  );
  return scriptPath;
}
