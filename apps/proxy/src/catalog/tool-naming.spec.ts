import type { ServerEntry } from '@bastion/contracts';
import { describe, expect, it } from 'vitest';
import { effectivePrefix, exposedName, isToolAllowed } from './tool-naming';

const server = (overrides: Partial<ServerEntry> = {}): ServerEntry => ({
  id: '00000000-0000-4000-8000-000000000001',
  configId: '00000000-0000-4000-8000-000000000002',
  name: 'files',
  transport: 'stdio',
  command: 'node',
  args: [],
  env: {},
  url: null,
  headers: {},
  oauth: null,
  timeouts: { connectMs: 1000, discoveryMs: 1000, callMs: 1000 },
  toolPrefix: null,
  toolsAllow: [],
  toolsDeny: [],
  connectionScope: 'project',
  enabled: true,
  inputPolicyId: null,
  outputPolicyId: null,
  ...overrides,
});

describe('tool naming', () => {
  it('prefixes with the server name by default, the toolPrefix when set, nothing when empty', () => {
    expect(exposedName(server(), 'read')).toBe('files__read');
    expect(exposedName(server({ toolPrefix: 'fs' }), 'read')).toBe('fs__read');
    expect(exposedName(server({ toolPrefix: '' }), 'read')).toBe('read');
    expect(effectivePrefix(server({ toolPrefix: '' }))).toBe('');
  });

  it('applies allow and deny lists with * globs, deny first', () => {
    const s = server({ toolsAllow: ['read_*', 'list'], toolsDeny: ['read_secret*'] });
    expect(isToolAllowed(s, 'read_file')).toBe(true);
    expect(isToolAllowed(s, 'list')).toBe(true);
    expect(isToolAllowed(s, 'write_file')).toBe(false);
    expect(isToolAllowed(s, 'read_secrets')).toBe(false);
    expect(isToolAllowed(server(), 'anything')).toBe(true);
    expect(isToolAllowed(server({ toolsDeny: ['a.b'] }), 'axb')).toBe(true);
  });
});
