import {
  ColumnTypeEnum,
  type ConnectionInfo,
  type IsolationLevel,
  type SqlDriverAdapter,
  type SqlQuery,
  type SqlResultSet,
  type Transaction,
} from '@prisma/driver-adapter-utils';
import { charColumnsOf } from './engine-connection.pool';

/**
 * Wraps an adapter-pg connection for the schema engine and fixes two adapter-pg 7.10 problems:
 * `"char"` columns are reported as Character (the describer panics on PG 18 when they come back as
 * Text), and `executeScript` no longer splits the script on every `;` (which breaks `$$` bodies).
 */
export class SchemaEngineAdapter implements SqlDriverAdapter {
  readonly provider = 'postgres';
  readonly adapterName: string;
  private closing: Promise<void> | undefined;

  /** @param release runs once after the inner adapter is disposed (ends the pool, drops a shadow DB). */
  constructor(
    private readonly inner: SqlDriverAdapter,
    private readonly release: () => Promise<void>,
  ) {
    this.adapterName = inner.adapterName;
  }

  async queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    const result = await this.inner.queryRaw(query);
    for (const index of charColumnsOf(result.rows)) result.columnTypes[index] = ColumnTypeEnum.Character;
    return result;
  }

  executeRaw(query: SqlQuery): Promise<number> {
    return this.inner.executeRaw(query);
  }

  /** One simple-protocol query: Postgres runs the whole script and splits it correctly itself. */
  async executeScript(script: string): Promise<void> {
    await this.inner.executeRaw({ sql: script, args: [], argTypes: [] });
  }

  startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    return this.inner.startTransaction(isolationLevel);
  }

  getConnectionInfo(): ConnectionInfo {
    return this.inner.getConnectionInfo?.() ?? { supportsRelationJoins: true };
  }

  /** Idempotent: the engine and the owning factory may both dispose the same connection. */
  dispose(): Promise<void> {
    this.closing ??= this.inner.dispose().finally(this.release);
    return this.closing;
  }
}
