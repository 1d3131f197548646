-- CreateEnum
CREATE TYPE "member_role" AS ENUM ('owner', 'admin', 'member', 'viewer');

-- CreateEnum
CREATE TYPE "api_key_kind" AS ENUM ('gateway', 'admin');

-- CreateEnum
CREATE TYPE "api_key_status" AS ENUM ('active', 'disabled');

-- CreateEnum
CREATE TYPE "transport" AS ENUM ('stdio', 'streamable-http', 'sse');

-- CreateEnum
CREATE TYPE "connection_scope" AS ENUM ('project', 'session');

-- CreateEnum
CREATE TYPE "pinning_mode" AS ENUM ('trust-on-first-use', 'require-approval');

-- CreateEnum
CREATE TYPE "fail_mode" AS ENUM ('closed', 'open');

-- CreateEnum
CREATE TYPE "policy_mode" AS ENUM ('enforce', 'monitor');

-- CreateEnum
CREATE TYPE "tool_pin_status" AS ENUM ('approved', 'pending');

-- CreateTable
CREATE TABLE "users" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "projects" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "mcp_config_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "projects_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "project_members" (
    "project_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "role" "member_role" NOT NULL DEFAULT 'member',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "project_members_pkey" PRIMARY KEY ("project_id","user_id")
);

-- CreateTable
CREATE TABLE "api_keys" (
    "id" UUID NOT NULL,
    "kind" "api_key_kind" NOT NULL,
    "name" TEXT,
    "key_hash" TEXT NOT NULL,
    "key_prefix" TEXT NOT NULL,
    "last_four" TEXT NOT NULL,
    "status" "api_key_status" NOT NULL DEFAULT 'active',
    "project_id" UUID,
    "user_id" UUID,
    "expires_at" TIMESTAMPTZ(3),
    "rotated_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "mcp_configs" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "pinning_mode" "pinning_mode" NOT NULL DEFAULT 'trust-on-first-use',
    "meta_tools_enabled" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "mcp_configs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "mcp_servers" (
    "id" UUID NOT NULL,
    "config_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "transport" "transport" NOT NULL,
    "command" TEXT,
    "args" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "env" JSONB NOT NULL DEFAULT '{}',
    "url" TEXT,
    "headers" JSONB NOT NULL DEFAULT '{}',
    "oauth" JSONB,
    "connect_timeout_ms" INTEGER NOT NULL DEFAULT 10000,
    "discovery_timeout_ms" INTEGER NOT NULL DEFAULT 10000,
    "call_timeout_ms" INTEGER NOT NULL DEFAULT 60000,
    "tool_prefix" TEXT,
    "tools_allow" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "tools_deny" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "connection_scope" "connection_scope" NOT NULL DEFAULT 'project',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "input_policy_id" UUID,
    "output_policy_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "mcp_servers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "guardrail_policies" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "mode" "policy_mode" NOT NULL DEFAULT 'enforce',
    "fail_mode" "fail_mode" NOT NULL DEFAULT 'closed',
    "rules" JSONB NOT NULL DEFAULT '[]',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "guardrail_policies_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tool_pins" (
    "id" UUID NOT NULL,
    "server_id" UUID NOT NULL,
    "tool_name" TEXT NOT NULL,
    "status" "tool_pin_status" NOT NULL,
    "approved_hash" TEXT,
    "approved_definition" JSONB,
    "pending_hash" TEXT,
    "pending_definition" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "tool_pins_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_events" (
    "id" UUID NOT NULL,
    "time" TIMESTAMPTZ(3) NOT NULL,
    "type" TEXT NOT NULL,
    "direction" TEXT,
    "method" TEXT,
    "session_id" TEXT,
    "project_id" UUID,
    "user_id" UUID,
    "key_id" UUID,
    "server" TEXT,
    "tool" TEXT,
    "status" TEXT,
    "duration_ms" DOUBLE PRECISION,
    "error_code" INTEGER,
    "payload" JSONB,
    "trace_id" TEXT,
    "worker_id" TEXT,
    "inserted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "config_state" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "version" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "config_state_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "config_outbox" (
    "version" BIGINT NOT NULL,
    "entity" TEXT NOT NULL,
    "entity_id" TEXT NOT NULL,
    "op" TEXT NOT NULL,
    "payload" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "published_at" TIMESTAMPTZ(3),

    CONSTRAINT "config_outbox_pkey" PRIMARY KEY ("version")
);

-- CreateTable
CREATE TABLE "idempotency_records" (
    "key" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "status_code" INTEGER NOT NULL,
    "response_body" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "idempotency_records_pkey" PRIMARY KEY ("key","method","path")
);

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE UNIQUE INDEX "projects_name_key" ON "projects"("name");

-- CreateIndex
CREATE INDEX "projects_mcp_config_id_idx" ON "projects"("mcp_config_id");

-- CreateIndex
CREATE INDEX "project_members_user_id_idx" ON "project_members"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_key_hash_key" ON "api_keys"("key_hash");

-- CreateIndex
CREATE INDEX "api_keys_project_id_idx" ON "api_keys"("project_id");

-- CreateIndex
CREATE INDEX "api_keys_user_id_idx" ON "api_keys"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "mcp_configs_name_key" ON "mcp_configs"("name");

-- CreateIndex
CREATE INDEX "mcp_servers_input_policy_id_idx" ON "mcp_servers"("input_policy_id");

-- CreateIndex
CREATE INDEX "mcp_servers_output_policy_id_idx" ON "mcp_servers"("output_policy_id");

-- CreateIndex
CREATE UNIQUE INDEX "mcp_servers_config_id_name_key" ON "mcp_servers"("config_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "guardrail_policies_name_key" ON "guardrail_policies"("name");

-- CreateIndex
CREATE UNIQUE INDEX "tool_pins_server_id_tool_name_key" ON "tool_pins"("server_id", "tool_name");

-- CreateIndex
CREATE INDEX "audit_events_time_idx" ON "audit_events"("time" DESC);

-- CreateIndex
CREATE INDEX "audit_events_project_id_time_idx" ON "audit_events"("project_id", "time" DESC);

-- CreateIndex
CREATE INDEX "audit_events_server_tool_time_idx" ON "audit_events"("server", "tool", "time" DESC);

-- CreateIndex
CREATE INDEX "config_outbox_published_at_version_idx" ON "config_outbox"("published_at", "version");

-- CreateIndex
CREATE INDEX "idempotency_records_created_at_idx" ON "idempotency_records"("created_at");

-- AddForeignKey
ALTER TABLE "projects" ADD CONSTRAINT "projects_mcp_config_id_fkey" FOREIGN KEY ("mcp_config_id") REFERENCES "mcp_configs"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "project_members" ADD CONSTRAINT "project_members_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "project_members" ADD CONSTRAINT "project_members_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "mcp_servers" ADD CONSTRAINT "mcp_servers_config_id_fkey" FOREIGN KEY ("config_id") REFERENCES "mcp_configs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "mcp_servers" ADD CONSTRAINT "mcp_servers_input_policy_id_fkey" FOREIGN KEY ("input_policy_id") REFERENCES "guardrail_policies"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "mcp_servers" ADD CONSTRAINT "mcp_servers_output_policy_id_fkey" FOREIGN KEY ("output_policy_id") REFERENCES "guardrail_policies"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tool_pins" ADD CONSTRAINT "tool_pins_server_id_fkey" FOREIGN KEY ("server_id") REFERENCES "mcp_servers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- config_state has exactly one row (id = 1), created here so the version bump never has to insert it.
ALTER TABLE "config_state" ADD CONSTRAINT "config_state_single_row" CHECK ("id" = 1);

INSERT INTO "config_state" ("id", "version") VALUES (1, 0);
