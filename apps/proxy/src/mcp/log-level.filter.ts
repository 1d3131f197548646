import { redactSecrets } from './log-redaction';
import { severity, type LogLevel, type SessionLogLevels } from './session-log-levels';

const LOG_MESSAGE = 'notifications/message';
/** The logger name of the gateway's own events. */
export const GATEWAY_LOGGER = 'bastion';
/** What a session gets of the gateway's own events before it sets a level. */
export const DEFAULT_GATEWAY_LEVEL: LogLevel = 'warning';

/**
 * Applies one session's log level to what its GET stream delivers: a notifications/message below
 * the level is dropped, and what is sent has its data passed through the secrets scanner. Before
 * logging/setLevel the gateway's own events go out from `warning` up and upstream messages at any
 * level. Other messages pass unchanged.
 */
export class LogLevelFilter {
  constructor(
    private readonly sid: string,
    /** Without it every session counts as never having set a level. */
    private readonly levels?: Pick<SessionLogLevels, 'current'>,
  ) {}

  /** The message to send, or null to drop it. */
  apply(json: string): string | null {
    if (!json.includes(LOG_MESSAGE)) return json;
    let message: { method?: unknown; params?: Record<string, unknown> };
    try {
      message = JSON.parse(json) as typeof message;
    } catch {
      return json;
    }
    if (message.method !== LOG_MESSAGE) return json;
    const params = message.params ?? {};
    const chosen = this.levels?.current(this.sid) ?? null;
    const floor = chosen ?? (params['logger'] === GATEWAY_LOGGER ? DEFAULT_GATEWAY_LEVEL : null);
    if (floor !== null && severity(params['level']) < severity(floor)) return null;
    const logger = params['logger'];
    const redacted: Record<string, unknown> = { ...params, data: redactSecrets(params['data']) };
    if (typeof logger === 'string') redacted['logger'] = redactSecrets(logger);
    return JSON.stringify({ ...message, params: redacted });
  }
}
