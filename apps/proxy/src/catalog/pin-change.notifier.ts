import type { BusKeys } from '@bastion/bus';
import type { Redis } from 'ioredis';
import { notificationMessage } from '../mcp/json-rpc';
import type { ServingState, StateChange } from '../snapshot';

// One worker announces each config version; the marker outlives any plausible apply lag.
const MARKER_TTL_MS = 60_000;

/**
 * Tells clients when a pin change may have changed their tool list (a version approved, rejected or
 * held, a pin forgotten): notifications/tools/list_changed to every project whose config has the
 * pin's server. A pin created as approved changes nothing a client sees, so it is not announced.
 * Every worker applies the same change; a Redis marker per version lets only the first announce it.
 */
export class PinChangeNotifier {
  constructor(
    private readonly redis: Redis,
    private readonly keys: BusKeys,
    private readonly prefix: string,
  ) {}

  /** Announces the projects touched by the pin changes of this state (fire and forget). */
  onStateChange(state: ServingState, previous: ServingState | null, change: StateChange): void {
    if (!previous || change.changed.toolPins.size === 0) return;
    const projects = affectedProjects(state, previous, change);
    if (projects.size > 0) void this.announce(state.version, projects);
  }

  private async announce(version: number, projects: ReadonlySet<string>): Promise<void> {
    const marker = `${this.prefix}pins:announced:${version}`;
    const first = await this.redis.set(marker, '1', 'PX', MARKER_TTL_MS, 'NX').catch(() => null);
    if (first !== 'OK') return;
    const message = notificationMessage('notifications/tools/list_changed', {});
    for (const projectId of projects) {
      await this.redis.publish(this.keys.projectChannel(projectId), message).catch(() => undefined);
    }
  }
}

/** Projects whose config holds the server of a pin that changed in a way clients may notice. */
function affectedProjects(state: ServingState, previous: ServingState, change: StateChange): Set<string> {
  const configs = new Set<string>();
  for (const id of change.changed.toolPins) {
    const before = previous.snapshot.toolPins[id];
    const after = state.snapshot.toolPins[id];
    if (!before && after?.status === 'approved') continue;
    const serverId = (after ?? before)?.serverId;
    const configId = serverId === undefined ? undefined : state.server(serverId)?.configId;
    if (configId) configs.add(configId);
  }
  const projects = new Set<string>();
  if (configs.size === 0) return projects;
  for (const project of Object.values(state.snapshot.projects)) {
    if (project.mcpConfigId !== null && configs.has(project.mcpConfigId)) projects.add(project.id);
  }
  return projects;
}
