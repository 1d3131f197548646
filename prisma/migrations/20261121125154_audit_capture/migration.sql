-- CreateEnum
CREATE TYPE "audit_capture" AS ENUM ('none', 'metadata', 'payload');

-- AlterTable
ALTER TABLE "mcp_configs" ADD COLUMN     "audit_capture" "audit_capture" NOT NULL DEFAULT 'metadata';
