import type { UpstreamConnection } from './upstream.connection';

/** Per-server figures in {@link UpstreamPoolStats}. */
export interface UpstreamServerStats {
  name: string;
  connections: number;
  processes: number;
  inFlight: number;
  /** stdio processes started for this server since the pool was created. */
  spawns: number;
  /** Reconnects after a failure (crash, lost connection). */
  restarts: number;
}

/** A snapshot of the pool for metrics and meta-tools. */
export interface UpstreamPoolStats {
  connections: number;
  /** Live stdio child processes. */
  processes: number;
  spawns: number;
  restarts: number;
  byServer: Record<string, UpstreamServerStats>;
}

/** Counters that outlive connections. */
export interface ServerCounters {
  name: string;
  spawns: number;
  restarts: number;
}

/** Builds the stats from the live connections and the cumulative counters. */
export function buildPoolStats(
  connections: Iterable<UpstreamConnection>,
  counters: Map<string, ServerCounters>,
  processes: number,
): UpstreamPoolStats {
  const byServer: Record<string, UpstreamServerStats> = {};
  let spawns = 0;
  let restarts = 0;
  for (const [id, counter] of counters) {
    byServer[id] = { ...counter, connections: 0, processes: 0, inFlight: 0 };
    spawns += counter.spawns;
    restarts += counter.restarts;
  }
  let total = 0;
  for (const connection of connections) {
    const { id, name } = connection.server;
    const entry = (byServer[id] ??= {
      name,
      connections: 0,
      processes: 0,
      inFlight: 0,
      spawns: 0,
      restarts: 0,
    });
    entry.connections += 1;
    entry.inFlight += connection.inFlight;
    if (connection.holdsProcess) entry.processes += 1;
    total += 1;
  }
  return { connections: total, processes, spawns, restarts, byServer };
}
