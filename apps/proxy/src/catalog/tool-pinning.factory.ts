import type { BusKeys, JobQueues } from '@bastion/bus';
import { TOOL_DISCOVERIES_QUEUE, type ToolDiscovery } from '@bastion/contracts';
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { hostname } from 'node:os';
import type { ServingState, StateChange } from '../snapshot';
import { PinChangeNotifier } from './pin-change.notifier';
import { ToolDiscoveryReporter } from './tool-discovery.reporter';
import { ToolPinGate } from './tool-pins.gate';

/** Tool pinning on one worker: the gate the catalog consults and the queue its reports go to. */
export interface ToolPinning {
  gate: ToolPinGate;
  /**
   * To be called with every new serving state: forgets reports of pins that were deleted and tells
   * clients when pin changes may have changed their tool lists.
   */
  onStateChange(state: ServingState, previous: ServingState | null, change: StateChange): void;
}

/** What the pinning needs from the worker. */
export interface ToolPinningOptions {
  /** The worker's job queues (the reports go on `tool-discoveries`). */
  queues: JobQueues;
  redisPrefix: string;
  /** The worker's command connection (for list_changed announcements). */
  redis: Redis;
  keys: BusKeys;
  state: () => ServingState | null;
  log: (level: 'info' | 'warn' | 'error', message: string, fields: Record<string, unknown>) => void;
}

/** Wires the gate, the reporter, the `tool-discoveries` producer and the list_changed notifier. */
export function createToolPinning(options: ToolPinningOptions): ToolPinning {
  const reporter = new ToolDiscoveryReporter({
    producer: options.queues.producer<ToolDiscovery>(TOOL_DISCOVERIES_QUEUE),
    workerId: `${hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`,
    log: options.log,
  });
  const notifier = new PinChangeNotifier(options.redis, options.keys, options.redisPrefix);
  return {
    gate: new ToolPinGate({ state: options.state, reporter }),
    onStateChange(state, previous, change) {
      notifier.onStateChange(state, previous, change);
      for (const id of change.changed.toolPins) {
        const before = previous?.snapshot.toolPins[id];
        if (before && !state.snapshot.toolPins[id]) reporter.forget(before.serverId, before.toolName);
      }
    },
  };
}
