export { UpstreamPool } from './upstream.pool';
export { UpstreamError, type UpstreamErrorOptions } from './upstream.error';
export type { UpstreamPoolStats, UpstreamServerStats } from './pool.stats';
export { estimateJsonBytes } from './json-size.estimator';
export type {
  UpstreamCaller,
  UpstreamClientCapabilities,
  UpstreamFailure,
  UpstreamNotification,
  UpstreamOperation,
  UpstreamPoolOptions,
  UpstreamRequestOptions,
  UpstreamServerRequest,
  UpstreamTarget,
} from './upstream.types';
