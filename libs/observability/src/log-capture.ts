import type { Logger } from 'winston';
import { LOG_FIELDS } from './log-fields';
import type { LogLevel } from './log-levels';
import { redactValue } from './log-redaction';

/** Largest captured payload, in bytes of JSON (after redaction). */
export const MAX_CAPTURE_BYTES = 4 * 1024;

/** Payload capture is on while the logger runs at debug (switchable at runtime, see LogLevelControl). */
export function isCapturingPayloads(logger: Logger): boolean {
  return logger.isLevelEnabled('debug');
}

/**
 * Logs `message` at `level`; the payload (a request, a tool result…) is attached as `payload` only
 * while payload capture is on, redacted (keys and content) and cut to {@link MAX_CAPTURE_BYTES}
 * (`payload_truncated: true`, the JSON text up to the cut). Without capture the line carries no payload.
 */
export function capturePayload(
  logger: Logger,
  level: LogLevel,
  message: string,
  payload: unknown,
  fields: Record<string, unknown> = {},
): void {
  if (!logger.isLevelEnabled(level)) return;
  const meta: Record<string, unknown> = { ...fields };
  if (isCapturingPayloads(logger)) {
    const redacted = redactValue(payload, { maxStringChars: MAX_CAPTURE_BYTES });
    const json = JSON.stringify(redacted) ?? 'null';
    const bytes = Buffer.byteLength(json);
    meta[LOG_FIELDS.payloadBytes] = bytes;
    if (bytes <= MAX_CAPTURE_BYTES) {
      meta[LOG_FIELDS.payload] = redacted;
    } else {
      meta[LOG_FIELDS.payload] = Buffer.from(json).subarray(0, MAX_CAPTURE_BYTES).toString('utf8');
      meta[LOG_FIELDS.payloadTruncated] = true;
    }
  }
  logger.log(level, message, meta);
}
