import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { createEnginePool } from './engine-connection.pool';
import { createTemporaryDatabase, dropDatabase, messageOf, wipePublicSchema } from './database-admin.util';
import type { LogFn } from './migrate.types';
import { withDatabase } from './pg-url.util';
import { SchemaEngineAdapter } from './schema-engine.adapter';

/** Where the engine's shadow database comes from. */
export type ShadowDatabaseSource =
  | { kind: 'temporary'; hostUrl: string }
  | { kind: 'dedicated'; url: string };

/** Engine connections are sequential; a few spare ones cover a transaction plus describer queries. */
const POOL_SIZE = 4;
/**
 * Never close idle connections during a session: the engine takes its migration advisory lock
 * (`pg_advisory_lock`) on one pooled connection and relies on it staying open until the end.
 */
const IDLE_TIMEOUT_DISABLED = 0;

/**
 * The driver adapter factory handed to the wasm schema engine. Replaces adapter-pg's own
 * `connectToShadowDb`, which drops the temporary database before closing its pool, leaks it, and
 * with a connection string silently uses the main database as the "shadow".
 */
export class SchemaEngineAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = 'postgres';
  readonly adapterName = '@prisma/adapter-pg';
  private readonly open = new Set<SchemaEngineAdapter>();

  constructor(
    private readonly databaseUrl: string,
    private readonly log: LogFn,
    private readonly shadow?: ShadowDatabaseSource,
  ) {}

  connect(): Promise<SqlDriverAdapter> {
    return this.openAdapter(this.databaseUrl);
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    if (!this.shadow) throw new Error('This operation has no shadow database configured.');
    if (this.shadow.kind === 'dedicated') {
      const { url } = this.shadow;
      await wipePublicSchema(url);
      return this.openAdapter(url, () => this.cleanUp(wipePublicSchema(url), 'empty the shadow database'));
    }
    const { hostUrl } = this.shadow;
    const name = await createTemporaryDatabase(hostUrl);
    return this.openAdapter(withDatabase(hostUrl, name), () =>
      this.cleanUp(dropDatabase(hostUrl, name), `drop the temporary shadow database ${name}`),
    );
  }

  /** Disposes every connection the engine left open (and drops temporary shadow databases). */
  async close(): Promise<void> {
    await Promise.all([...this.open].map((adapter) => adapter.dispose()));
  }

  /** Cleanup failures are reported, not thrown: the migration itself is already done. */
  private cleanUp(work: Promise<unknown>, what: string): Promise<void> {
    return work.then(
      () => undefined,
      (error: unknown) => this.log(`Could not ${what}: ${messageOf(error)}`),
    );
  }

  private async openAdapter(url: string, afterClose?: () => Promise<void>): Promise<SqlDriverAdapter> {
    const { pool, end } = createEnginePool({
      connectionString: url,
      max: POOL_SIZE,
      idleTimeoutMillis: IDLE_TIMEOUT_DISABLED,
    });
    // adapter-pg bundles its own (newer) @types/pg; at run time both are the same pg module.
    const inner = await new PrismaPg(pool as unknown as ConstructorParameters<typeof PrismaPg>[0]).connect();
    const adapter = new SchemaEngineAdapter(inner, async () => {
      this.open.delete(adapter);
      await end();
      await afterClose?.();
    });
    this.open.add(adapter);
    return adapter;
  }
}
