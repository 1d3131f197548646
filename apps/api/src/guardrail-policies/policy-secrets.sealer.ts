import type { GuardrailRule } from '@bastion/contracts';
import { SecretBox } from '@bastion/crypto';
import { DEFAULT_PROVIDER_URLS, type RemoteProviderId } from '@bastion/guardrail-providers';
import { BadRequestException, Injectable } from '@nestjs/common';
import { SECRET_MASK } from '../mcp-configs/dto/mcp-server-fields';

/** A remote rule's header values, and where the rule sends them (provider and URL asked). */
interface RemoteHeaders {
  destination: string;
  headers: Record<string, string>;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Seals the header values of `remote` rules (provider API keys) with the master key before a policy
 * is stored, and masks them on the way out, as server credentials are. Stored rules are read
 * leniently: a value not in the sealed format was saved before header values were sealed.
 */
@Injectable()
export class PolicySecretsSealer {
  constructor(private readonly box: SecretBox) {}

  /** The rules as the API shows them: every header value of a remote rule replaced by the mask. */
  static mask(rules: GuardrailRule[]): GuardrailRule[] {
    return rules.map((rule) => withHeaders(rule, (_value) => SECRET_MASK));
  }

  /**
   * The rules to store: header values sealed. The mask keeps the value stored for that header in the
   * rule at the same position, else in the first stored rule with that header sending to the same
   * provider and URL; it is never carried to another destination. A value equal to the stored one
   * keeps its ciphertext, so re-sending a policy unchanged changes nothing. 400 when a masked
   * value has nothing stored to keep.
   */
  seal(rules: GuardrailRule[], stored: unknown = []): GuardrailRule[] {
    const storedRules = Array.isArray(stored) ? stored.map(remoteHeaders) : [];
    const problems: Array<{ path: string; message: string }> = [];
    const sealed = rules.map((rule, index) => {
      const remote = remoteHeaders(rule);
      if (!remote) return rule;
      const candidates = [storedRules[index], ...storedRules].filter(
        (candidate): candidate is RemoteHeaders => candidate?.destination === remote.destination,
      );
      return withHeaders(rule, (value, name) => {
        const kept = candidates.find((candidate) => Object.hasOwn(candidate.headers, name))?.headers[name];
        if (value !== SECRET_MASK)
          return kept !== undefined && this.opensTo(kept, value) ? this.sealed(kept) : this.box.seal(value);
        if (kept !== undefined) return this.sealed(kept);
        problems.push({
          path: `rules.${index}.options.headers.${name}`,
          message:
            `"${SECRET_MASK}" keeps the stored value, but no rule sending to this provider and URL has one ` +
            'under this name; send the real value.',
        });
        return value;
      });
    });
    if (problems.length > 0)
      throw new BadRequestException({ message: 'The request is invalid.', details: problems });
    return sealed;
  }

  /** Whether stored rules hold a header value that is not sealed (saved before values were sealed). */
  hasPlaintext(rules: unknown): boolean {
    return (
      Array.isArray(rules) &&
      rules.some((rule) =>
        Object.values(remoteHeaders(rule)?.headers ?? {}).some((value) => !SecretBox.isSealed(value)),
      )
    );
  }

  /** Stored rules with every header value that is not sealed yet sealed; the rest as they are. */
  sealPlaintext<T>(rules: T[]): T[] {
    return rules.map((rule) => withHeaders(rule, (value) => this.sealed(value)));
  }

  private sealed(stored: string): string {
    return SecretBox.isSealed(stored) ? stored : this.box.seal(stored);
  }

  private opensTo(stored: string, value: string): boolean {
    if (!SecretBox.isSealed(stored)) return stored === value;
    try {
      return this.box.open(stored) === value;
    } catch {
      return false; // sealed under another master key: the new value replaces it
    }
  }
}

function remoteHeaders(rule: unknown): RemoteHeaders | undefined {
  if (!isObject(rule) || rule['detector'] !== 'remote' || !isObject(rule['options'])) return undefined;
  const { provider, url, headers } = rule['options'];
  if (!isObject(headers)) return undefined;
  const target = typeof url === 'string' ? url : DEFAULT_PROVIDER_URLS[provider as RemoteProviderId];
  const values = Object.entries(headers).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string',
  );
  return { destination: JSON.stringify([provider, target ?? null]), headers: Object.fromEntries(values) };
}

/** The rule with each string header value mapped (rules that are not remote, or have no headers, as they are). */
export function withHeaders<T>(rule: T, map: (value: string, name: string) => string): T {
  const remote = remoteHeaders(rule);
  if (!remote) return rule;
  const options = (rule as { options: Record<string, unknown> }).options;
  const headers = Object.fromEntries(
    Object.entries(options['headers'] as Record<string, unknown>).map(([name, value]) => [
      name,
      typeof value === 'string' ? map(value, name) : value,
    ]),
  );
  return { ...rule, options: { ...options, headers } };
}
