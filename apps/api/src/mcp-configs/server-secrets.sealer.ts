import { SecretBox } from '@bastion/crypto';
import { BadRequestException, Injectable } from '@nestjs/common';
import { z } from 'zod';
import { SECRET_MASK } from './dto/mcp-server-fields';
import type { ConfigProblem } from './dto/validate-mcp-config.dto';

const sealedMap = z.record(z.string(), z.string());
const sealedOAuth = z
  .object({
    tokenUrl: z.string(),
    clientId: z.string(),
    clientSecret: z.string(),
    scope: z.string().nullable(),
    audience: z.string().nullable(),
  })
  .nullable();

/** OAuth client credentials as stored: the client secret sealed. */
export type SealedOAuth = z.infer<typeof sealedOAuth>;

/** The secret-bearing columns of a server row, sealed. */
export interface SealedSecrets {
  env: Record<string, string>;
  headers: Record<string, string>;
  oauth: SealedOAuth;
}

/** Secret-bearing fields as a request carries them (plaintext, or the mask meaning "keep"). */
export interface SecretsInput {
  env?: Record<string, string> | undefined;
  headers?: Record<string, string> | undefined;
  oauth?:
    | {
        tokenUrl: string;
        clientId: string;
        clientSecret: string;
        scope?: string | null | undefined;
        audience?: string | null | undefined;
      }
    | null
    | undefined;
}

const NOTHING_STORED: SealedSecrets = { env: {}, headers: {}, oauth: null };

/**
 * Seals server secrets (env values, header values, OAuth client secret) with the master key before
 * they reach Postgres, and masks them on the way out. The API never sees them in plaintext again.
 */
@Injectable()
export class ServerSecretsSealer {
  constructor(private readonly box: SecretBox) {}

  /** Reads the sealed columns of a stored row. */
  static stored(row: { env: unknown; headers: unknown; oauth: unknown }): SealedSecrets {
    return {
      env: sealedMap.parse(row.env),
      headers: sealedMap.parse(row.headers),
      oauth: sealedOAuth.parse(row.oauth ?? null),
    };
  }

  /** Names → mask, so clients see which secrets are set but never their values. */
  static mask(map: Record<string, string>): Record<string, typeof SECRET_MASK> {
    return Object.fromEntries(Object.keys(map).map((name) => [name, SECRET_MASK]));
  }

  /**
   * Seals the secrets a request gives; fields it leaves out stay undefined (unchanged). A masked
   * value keeps the stored one; with nothing stored under that name it is a 400.
   */
  seal(input: SecretsInput, stored: SealedSecrets = NOTHING_STORED): Partial<SealedSecrets> {
    const problems: ConfigProblem[] = [];
    const result: Partial<SealedSecrets> = {};
    if (input.env) result.env = this.sealMap(input.env, stored.env, 'env', problems);
    if (input.headers) result.headers = this.sealMap(input.headers, stored.headers, 'headers', problems);
    if (input.oauth !== undefined) result.oauth = this.sealOAuth(input.oauth, stored.oauth, problems);
    if (problems.length > 0)
      throw new BadRequestException({ message: 'The request is invalid.', details: problems });
    return result;
  }

  private sealMap(
    map: Record<string, string>,
    stored: Record<string, string>,
    field: string,
    problems: ConfigProblem[],
  ) {
    const sealed: Record<string, string> = {};
    for (const [name, value] of Object.entries(map)) {
      const kept = value === SECRET_MASK ? stored[name] : this.box.seal(value);
      if (kept === undefined) problems.push(keepWithoutValue(`${field}.${name}`));
      else sealed[name] = kept;
    }
    return sealed;
  }

  private sealOAuth(
    oauth: SecretsInput['oauth'],
    stored: SealedOAuth,
    problems: ConfigProblem[],
  ): SealedOAuth {
    if (!oauth) return null;
    const clientSecret =
      oauth.clientSecret === SECRET_MASK ? stored?.clientSecret : this.box.seal(oauth.clientSecret);
    if (clientSecret === undefined) {
      problems.push(keepWithoutValue('oauth.clientSecret'));
      return null;
    }
    return {
      tokenUrl: oauth.tokenUrl,
      clientId: oauth.clientId,
      clientSecret,
      scope: oauth.scope ?? null,
      audience: oauth.audience ?? null,
    };
  }
}

function keepWithoutValue(path: string): ConfigProblem {
  return {
    path,
    message: `"${SECRET_MASK}" keeps the stored value, but none is stored; send the real value.`,
  };
}
