import { ensureTemplateDatabase } from './test-database';

/** Vitest globalSetup: migrate the template database once before any test file runs. */
export default async function setup(): Promise<void> {
  await ensureTemplateDatabase();
}
