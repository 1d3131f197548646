import { TraceFlags } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { formatTraceparent, parseTraceparent } from './trace-context';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN = '00f067aa0ba902b7';

describe(parseTraceparent.name, () => {
  it.each([
    [`00-${TRACE}-${SPAN}-01`, TraceFlags.SAMPLED],
    [`00-${TRACE}-${SPAN}-00`, TraceFlags.NONE],
    [` 00-${TRACE}-${SPAN}-01 `, TraceFlags.SAMPLED],
    [`01-${TRACE}-${SPAN}-01-future-field`, TraceFlags.SAMPLED],
  ])('reads %j', (header, flags) => {
    expect(parseTraceparent(header)).toEqual({
      traceId: TRACE,
      spanId: SPAN,
      traceFlags: flags,
      isRemote: true,
    });
  });

  it.each([
    undefined,
    '',
    'garbage',
    `00-${TRACE}-${SPAN}-01-extra`, // version 00 has exactly four fields
    `ff-${TRACE}-${SPAN}-01`, // version ff is invalid
    `00-${'0'.repeat(32)}-${SPAN}-01`, // all-zero trace id
    `00-${TRACE}-${'0'.repeat(16)}-01`, // all-zero parent id
    `00-${TRACE.toUpperCase()}-${SPAN}-01`, // ids are lowercase hex
    `00-${TRACE}-${SPAN}`,
  ])('rejects %j', (header) => {
    expect(parseTraceparent(header)).toBeUndefined();
  });
});

describe(formatTraceparent.name, () => {
  it('writes version 00 with two-digit flags, and round-trips', () => {
    const header = formatTraceparent({ traceId: TRACE, spanId: SPAN, traceFlags: TraceFlags.SAMPLED });
    expect(header).toBe(`00-${TRACE}-${SPAN}-01`);
    expect(parseTraceparent(header)?.spanId).toBe(SPAN);
  });
});
