/** Names of structured log fields, shared by both apps so dashboards can rely on them. */
export const LOG_FIELDS = {
  requestId: 'request_id',
  sessionId: 'session_id',
  projectId: 'project_id',
  userId: 'user_id',
  keyId: 'key_id',
  server: 'server',
  tool: 'tool',
  method: 'method',
  durationMs: 'duration_ms',
  success: 'success',
  error: 'error',
  errorType: 'error_type',
  statusCode: 'status_code',
  path: 'path',
} as const;
