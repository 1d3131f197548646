import { MCP_ERRORS } from '@bastion/contracts';
import { testServerEntry } from '@bastion/testing';
import { StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { breaksConnection, classifyRequestFailure } from './upstream-failure.classifier';
import { UpstreamError } from './upstream.error';

describe(classifyRequestFailure.name, () => {
  const server = testServerEntry({ name: 'files' });
  const ctx = { server, method: 'tools/call', budgetMs: 500 };
  const zodError = z.object({ a: z.string() }).safeParse({}).error;

  it.each([
    [
      'an SDK timeout',
      new McpError(ErrorCode.RequestTimeout, 'Request timed out', { timeout: 500 }),
      'timeout',
      MCP_ERRORS.upstreamTimeout.code,
    ],
    [
      'an upstream -32001',
      new McpError(ErrorCode.RequestTimeout, 'busy', { timeout: 9 }),
      'upstream-error',
      -32001,
    ],
    ['an upstream error', new McpError(-32602, 'Unknown tool: x'), 'upstream-error', -32602],
    ['a result that is not an object', zodError, 'protocol', MCP_ERRORS.upstreamProtocolError.code],
    [
      'an HTTP error',
      new StreamableHTTPError(502, 'Bad gateway'),
      'unavailable',
      MCP_ERRORS.upstreamUnavailable.code,
    ],
  ])('classifies %s', (_, error, failure, code) => {
    expect(classifyRequestFailure(error, ctx)).toMatchObject({ failure, code });
  });

  it('keeps the upstream message without the SDK prefix', () => {
    expect(classifyRequestFailure(new McpError(-32602, 'Unknown tool: x'), ctx).message).toBe(
      'Unknown tool: x',
    );
  });

  it('prefers cancellation, then a closed connection', () => {
    const aborted = AbortSignal.abort();
    const error = new McpError(ErrorCode.ConnectionClosed, 'Connection closed');
    expect(classifyRequestFailure(error, { ...ctx, signal: aborted }).failure).toBe('cancelled');
    const closed = classifyRequestFailure(error, { ...ctx, closedMessage: 'server "files" exited.' });
    expect(closed).toMatchObject({ failure: 'unavailable', message: 'server "files" exited.' });
  });
});

describe(breaksConnection.name, () => {
  it('drops the connection for a lost session or a network error only', () => {
    expect(breaksConnection(new StreamableHTTPError(404, 'Session not found'))).toBe(true);
    expect(breaksConnection(new TypeError('fetch failed'))).toBe(true);
    expect(breaksConnection(new StreamableHTTPError(500, 'boom'))).toBe(false);
    expect(breaksConnection(new StreamableHTTPError(401, 'unauthorized'))).toBe(false);
    expect(breaksConnection(new McpError(-32602, 'bad'))).toBe(false);
    expect(breaksConnection(new UpstreamError('unavailable', 'token endpoint down'))).toBe(false);
  });
});
