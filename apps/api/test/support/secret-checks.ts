import { SecretBox, parseMasterKey } from '@bastion/crypto';
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { ApiHarness, TestResponse } from '../api-harness';

/** A fresh plaintext secret, recognisable by `label`, that no stored or answered text may contain. */
export const plaintextSecret = (label: string): string =>
  `${label}-plaintext-${randomBytes(8).toString('hex')}`;

/** The api's own SecretBox, to open what it sealed. Call it once the api has started (in a hook or test). */
export const masterBox = (api: Pick<ApiHarness, 'masterKey'>): SecretBox =>
  new SecretBox(parseMasterKey(api.masterKey)!);

/**
 * `api.request` that keeps every response in `responses`, for the final check that none of them showed a
 * secret; with `expected`, it asserts the status (the response text is the failure message).
 */
export function recordingCall(api: Pick<ApiHarness, 'request'>, responses: TestResponse[]) {
  return async (method: string, path: string, body?: unknown, expected?: number): Promise<TestResponse> => {
    const response = await api.request(method, path, body === undefined ? {} : { body });
    if (expected) expect(response.status, response.text).toBe(expected);
    responses.push(response);
    return response;
  };
}

/** Asserts that no response text contains any of `secrets`. */
export function expectNotAnswered(responses: readonly TestResponse[], secrets: readonly string[]): void {
  for (const response of responses) {
    for (const secret of secrets) expect(response.text).not.toContain(secret);
  }
}

/**
 * Asserts that no row of any table in the api's database contains any of `secrets`, reading every table
 * raw (its rows as text). `tables` names tables that must be among those read, so a renamed table
 * cannot make the check pass by being missed.
 */
export async function expectNotStored(
  api: Pick<ApiHarness, 'query'>,
  secrets: readonly string[],
  tables: readonly string[] = [],
): Promise<void> {
  const found = await api.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`);
  expect(found.rows.map((row) => row.tablename)).toEqual(expect.arrayContaining([...tables]));
  for (const { tablename } of found.rows) {
    const dump = await api.query(
      `SELECT coalesce(string_agg(t::text, E'\\n'), '') AS text FROM "${tablename}" t`,
    );
    for (const secret of secrets) expect(dump.rows[0].text, tablename).not.toContain(secret);
  }
}
