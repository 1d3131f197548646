export { MAX_REMOTE_RESPONSE_BYTES, type FetchLike } from './http-json';
export { DEFAULT_ENKRYPT_DETECTORS } from './providers/enkrypt.provider';
export { remoteDetectorFactory, type RemoteDetectorSettings } from './remote.detector';
export {
  DEFAULT_PROVIDER_URLS,
  REMOTE_PROVIDERS,
  parseRemoteOptions,
  remoteOptionIssues,
  type RemoteOptionIssue,
  type RemoteOptions,
  type RemoteProviderId,
} from './remote-options';
