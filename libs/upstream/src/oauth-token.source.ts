import { UpstreamError, serverLabel } from './upstream.error';

/** Opened OAuth 2.0 client-credentials settings of one server. */
export interface ClientCredentials {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  scope: string | null;
  audience: string | null;
}

interface CachedToken {
  value: string;
  /** From here on the token is still used, but a refresh starts in the background. */
  refreshAt: number;
  expiresAt: number;
}

/** Used when the token endpoint omits expires_in. */
const DEFAULT_LIFETIME_S = 300;
/** Refresh this long before expiry (at most a fifth of the token's lifetime). */
const REFRESH_LEAD_MS = 60_000;
const ERROR_CODE_SHAPE = /^[\w.-]{1,64}$/;

function refreshTimes(now: number, expiresInS: number): Pick<CachedToken, 'refreshAt' | 'expiresAt'> {
  const lifetimeMs = expiresInS * 1000;
  return {
    expiresAt: now + lifetimeMs,
    refreshAt: now + lifetimeMs - Math.min(REFRESH_LEAD_MS, lifetimeMs / 5),
  };
}

async function readJsonBody(response: Response): Promise<Record<string, unknown>> {
  try {
    const body: unknown = await response.json();
    return typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * OAuth 2.0 client credentials grant for one upstream server: fetches an access token
 * (client_secret_post), caches it, refreshes it in the background shortly before `expires_in`
 * and synchronously once it has expired. Concurrent callers share one token request.
 */
export class ClientCredentialsTokenSource {
  private token?: CachedToken;
  private pending?: Promise<string>;

  constructor(
    private readonly server: { name: string },
    private readonly credentials: ClientCredentials,
    private readonly timeoutMs: number,
    private readonly onBackgroundError: (error: unknown) => void,
  ) {}

  /** A valid access token: the cached one, or a fresh one when none is valid. */
  getToken(): Promise<string> | string {
    const token = this.token;
    const now = Date.now();
    if (token && now < token.refreshAt) return token.value;
    if (token && now < token.expiresAt) {
      this.refresh().catch(this.onBackgroundError);
      return token.value;
    }
    return this.refresh();
  }

  /** Forgets the cached token (the upstream rejected it). */
  invalidate(): void {
    this.token = undefined;
  }

  private refresh(): Promise<string> {
    this.pending ??= this.requestToken().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async requestToken(): Promise<string> {
    const response = await this.post();
    const body = await readJsonBody(response);
    if (!response.ok) {
      const code =
        typeof body['error'] === 'string' && ERROR_CODE_SHAPE.test(body['error']) ? `: ${body['error']}` : '';
      throw this.failure(
        `the OAuth token endpoint refused the client credentials (HTTP ${response.status}${code})`,
      );
    }
    const { access_token: value, token_type: type, expires_in: expiresIn } = body;
    if (typeof value !== 'string' || value === '')
      throw this.failure('the OAuth token response has no access_token');
    if (typeof type === 'string' && type.toLowerCase() !== 'bearer') {
      throw this.failure(
        `the OAuth token endpoint issued a "${type.slice(0, 20)}" token, not a bearer token`,
      );
    }
    const lifetime = Number(expiresIn ?? DEFAULT_LIFETIME_S);
    const seconds = Number.isFinite(lifetime) && lifetime > 0 ? lifetime : DEFAULT_LIFETIME_S;
    this.token = { value, ...refreshTimes(Date.now(), seconds) };
    return value;
  }

  private async post(): Promise<Response> {
    const { tokenUrl, clientId, clientSecret, scope, audience } = this.credentials;
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: clientSecret,
    });
    if (scope) body.set('scope', scope);
    if (audience) body.set('audience', audience);
    try {
      return await fetch(tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const timedOut = error instanceof Error && error.name === 'TimeoutError';
      const why = timedOut ? `did not answer within ${this.timeoutMs} ms` : 'could not be reached';
      throw this.failure(`the OAuth token endpoint ${why}`);
    }
  }

  private failure(reason: string): UpstreamError {
    return new UpstreamError('unavailable', `${serverLabel(this.server)}: ${reason}.`);
  }
}
