import type { BusKeys } from '@bastion/bus';
import type { UpstreamPoolOptions } from '@bastion/upstream';
import type { Redis } from 'ioredis';
import { ClientReplies } from './client-replies';
import type { NotificationHub } from './notification.hub';
import { ServerRequestRelay, type ServerRequestRelayDeps } from './server-request.relay';
import { SessionCapabilities } from './session-capabilities';
import { SubscriptionStore } from './subscription.store';

/** What carries messages between upstream servers and end clients beyond request and response. */
export interface ClientRelay {
  capabilities: SessionCapabilities;
  replies: ClientReplies;
  requests: ServerRequestRelay;
  subscriptions: SubscriptionStore;
  /** The pool options that hand server requests to the relay and ask it what sessions declared. */
  poolOptions: Required<Pick<UpstreamPoolOptions, 'onServerRequest' | 'sessionCapabilities'>>;
}

/** Builds the relay of one worker (server→client requests, their answers, subscriptions). */
export function createClientRelay(deps: {
  redis: Redis;
  keys: BusKeys;
  hub: NotificationHub;
  log: ServerRequestRelayDeps['log'];
  timeoutMs?: number;
}): ClientRelay {
  const capabilities = new SessionCapabilities();
  const replies = new ClientReplies(deps.redis, deps.keys, deps.hub);
  const requests = new ServerRequestRelay({ ...deps, replies });
  return {
    capabilities,
    replies,
    requests,
    subscriptions: new SubscriptionStore(deps.redis, deps.keys),
    poolOptions: {
      onServerRequest: (request) => requests.handle(request),
      sessionCapabilities: (sid) => capabilities.get(sid),
    },
  };
}
