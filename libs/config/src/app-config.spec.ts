import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './app-config';
import { ENV_DOCS, envSchema } from './env.schema';

describe(loadConfig.name, () => {
  it('applies a default to every variable', () => {
    const config = loadConfig({});
    expect(config.api.port).toBe(8001);
    expect(config.proxy.port).toBe(8000);
    expect(config.database.url).toBeUndefined();
    expect(config.redis).toEqual({ url: undefined, prefix: 'bastion:' });
    expect(config.log.level).toBe('info');
    expect(Object.isFrozen(config.api)).toBe(true);
  });

  it('parses real values', () => {
    const config = loadConfig({
      API_PORT: '9001',
      DATABASE_URL: 'postgresql://u:p@db:5432/bastion',
      REDIS_URL: 'redis://cache:6379',
      BASTION_MASTER_KEY: 'ab'.repeat(32),
      LOG_LEVEL: 'debug',
    });
    expect(config.api.port).toBe(9001);
    expect(config.database.url).toBe('postgresql://u:p@db:5432/bastion');
    expect(config.security.masterKey).toHaveLength(32);
    expect(config.log.level).toBe('debug');
  });

  it('names every bad variable at once and never echoes a value', () => {
    const secret = 'not-a-real-master-key-but-secret';
    try {
      loadConfig({ API_PORT: 'abc', BASTION_MASTER_KEY: secret, LOG_LEVEL: 'loud', REDIS_URL: 'http://x' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      for (const name of ['API_PORT', 'BASTION_MASTER_KEY', 'LOG_LEVEL', 'REDIS_URL'])
        expect(problems).toContain(name);
      expect((error as Error).message).not.toContain(secret);
    }
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', REDIS_URL: ' ' }).database.url).toBeUndefined();
  });

  it('documents every variable of the schema', () => {
    expect(ENV_DOCS.map((doc) => doc.name).sort()).toEqual(Object.keys(envSchema.shape).sort());
  });
});
