-- CreateIndex
CREATE INDEX "audit_events_key_id_time_idx" ON "audit_events"("key_id", "time" DESC);

-- CreateIndex
CREATE INDEX "audit_events_user_id_time_idx" ON "audit_events"("user_id", "time" DESC);

-- CreateIndex
CREATE INDEX "audit_events_session_id_time_idx" ON "audit_events"("session_id", "time" DESC);

-- Free-text search (`q` on GET /api/v1/audit-events) is a case-insensitive substring match on one
-- text per event: its type, method, server, tool, status, error code and payload JSON. The function
-- names that text once, so queries and the index below use the same expression.
CREATE FUNCTION "audit_search_text"(
    "type" TEXT, "method" TEXT, "server" TEXT, "tool" TEXT, "status" TEXT, "error_code" INTEGER, "payload" JSONB
) RETURNS TEXT LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT coalesce("type", '') || ' ' || coalesce("method", '') || ' ' || coalesce("server", '') || ' ' ||
           coalesce("tool", '') || ' ' || coalesce("status", '') || ' ' || coalesce("error_code"::TEXT, '') || ' ' ||
           coalesce("payload"::TEXT, '')
$$;

-- A trigram index makes that match fast. pg_trgm ships with PostgreSQL (contrib) and is a trusted
-- extension, but the embedded first-look database (PGlite) does not have it: there the index is
-- skipped and search scans the requested time window instead, with the same results.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm') THEN
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
        CREATE INDEX "audit_events_search_trgm_idx" ON "audit_events" USING GIN (
            "audit_search_text"("type", "method", "server", "tool", "status", "error_code", "payload") gin_trgm_ops
        );
    END IF;
EXCEPTION WHEN insufficient_privilege THEN
    RAISE NOTICE 'pg_trgm is not available to this role: audit free-text search runs without an index';
END
$$;
