import type { ServerEntry } from '@bastion/contracts';
import { ClientCredentialsTokenSource } from './oauth-token.source';
import { UpstreamError, serverLabel } from './upstream.error';

/**
 * OAuth token sources per server, shared by all of that server's connections (the token is the
 * server's credential, not a project's). A changed OAuth config gets a new source.
 */
export class UpstreamCredentials {
  private readonly sources = new Map<string, { fingerprint: string; source: ClientCredentialsTokenSource }>();

  constructor(
    private readonly openSecret: (sealed: string) => string,
    private readonly onBackgroundError: (server: ServerEntry, error: unknown) => void,
  ) {}

  /** The token source of `server`, or undefined when it does not use OAuth client credentials. */
  tokenSource(server: ServerEntry): ClientCredentialsTokenSource | undefined {
    const oauth = server.oauth;
    if (!oauth || server.transport === 'stdio') return undefined;
    const fingerprint = JSON.stringify(oauth);
    const cached = this.sources.get(server.id);
    if (cached?.fingerprint === fingerprint) return cached.source;
    let clientSecret: string;
    try {
      clientSecret = this.openSecret(oauth.clientSecret);
    } catch {
      const message = `${serverLabel(server)}: the OAuth client secret could not be decrypted.`;
      throw new UpstreamError('unavailable', message);
    }
    const source = new ClientCredentialsTokenSource(
      server,
      { ...oauth, clientSecret },
      server.timeouts.connectMs,
      (error) => this.onBackgroundError(server, error),
    );
    this.sources.set(server.id, { fingerprint, source });
    return source;
  }

  /** Forgets the cached token of a server (reconfigured or removed). */
  forget(serverId: string): void {
    this.sources.delete(serverId);
  }

  clear(): void {
    this.sources.clear();
  }
}
