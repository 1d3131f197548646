import type { IncomingMessage } from 'node:http';

/** Why a request was refused before it reached MCP handling. */
export class HttpRefusal extends Error {
  override readonly name = 'HttpRefusal';

  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** Host and Origin allowlists (DNS-rebinding protection). */
export interface OriginPolicy {
  allowedHosts: readonly string[];
  allowedOrigins: readonly string[];
}

/** `Host` without its port; IPv6 literals keep their brackets. */
function hostName(host: string): string {
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1).toLowerCase();
  return host.split(':')[0]?.toLowerCase() ?? '';
}

/** Refuses requests whose Host is not served here or whose Origin is not allowed. */
export function checkHostAndOrigin(request: IncomingMessage, policy: OriginPolicy): void {
  const host = request.headers.host;
  if (!policy.allowedHosts.includes('*')) {
    if (!host || !policy.allowedHosts.includes(hostName(host))) {
      throw new HttpRefusal(403, 'This Host is not served here (set PROXY_ALLOWED_HOSTS).');
    }
  }
  const origin = request.headers.origin;
  if (
    origin !== undefined &&
    !policy.allowedOrigins.includes('*') &&
    !policy.allowedOrigins.includes(origin)
  ) {
    throw new HttpRefusal(403, 'This Origin is not allowed (set PROXY_ALLOWED_ORIGINS).');
  }
}

/** The gateway key from `Authorization: Bearer …` or `X-Api-Key`, or null. */
export function presentedKey(request: IncomingMessage): string | null {
  const authorization = request.headers.authorization;
  if (authorization) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    return match?.[1] ?? null;
  }
  const apiKey = request.headers['x-api-key'];
  return typeof apiKey === 'string' && apiKey.length > 0 ? apiKey.trim() : null;
}

/** Reads the whole body as UTF-8, refusing (413) past `limit` bytes without buffering the excess. */
export function readBody(request: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limit)
    return Promise.reject(new HttpRefusal(413, `The request body exceeds ${limit} bytes.`));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new HttpRefusal(413, `The request body exceeds ${limit} bytes.`));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
