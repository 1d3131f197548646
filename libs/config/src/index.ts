export { ConfigError, loadConfig, type AppConfig } from './app-config';
export { ENV_DOCS, envSchema, type Env, type EnvDoc } from './env.schema';
export { BASTION_VERSION } from './bastion-version';
