import { Redis } from 'ioredis';
import { Client, type QueryResult, type QueryResultRow } from 'pg';

/** A `pg` client to one database, connected on first use; `end()` is a no-op when it never was. */
export class LazyPg {
  private client: Promise<Client> | undefined;

  constructor(private readonly url: string) {}

  private connected(): Promise<Client> {
    this.client ??= (async () => {
      const client = new Client({ connectionString: this.url });
      // A connection the server drops while idle fails the next query; it must not crash the run.
      client.on('error', () => undefined);
      try {
        await client.connect();
      } catch (error) {
        this.client = undefined; // the next call tries again
        throw error;
      }
      return client;
    })();
    return this.client;
  }

  async query<R extends QueryResultRow = any>(sql: string, params?: unknown[]): Promise<QueryResult<R>> {
    return (await this.connected()).query<R>(sql, params);
  }

  async end(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    const connected = await client?.catch(() => undefined);
    await connected?.end();
  }
}

/**
 * A Redis client, created on first use. It retries every 100 ms and reports errors only through the
 * commands that fail, so a test that stops its Redis on purpose (outbox.e2e.spec.ts) can share it.
 */
export class LazyRedis {
  private client: Redis | undefined;

  constructor(private readonly url: string) {}

  get(): Redis {
    if (!this.client) {
      this.client = new Redis(this.url, { maxRetriesPerRequest: 1, retryStrategy: () => 100 });
      this.client.on('error', () => undefined);
    }
    return this.client;
  }

  disconnect(): void {
    this.client?.disconnect();
    this.client = undefined;
  }
}
