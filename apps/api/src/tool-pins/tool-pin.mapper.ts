import { definitionDiff } from '@bastion/guardrails';
import type { ToolPinDetailDto, ToolPinDto } from './dto/tool-pin.dto';
import { asObject, exposedNameOf } from './tool-pin.findings';
import type { ToolPinRow } from './tool-pins.repository';

/** A pin as the list shows it. */
export function toToolPinDto(row: ToolPinRow): ToolPinDto {
  return {
    id: row.id,
    serverId: row.serverId,
    serverName: row.server.name,
    configId: row.server.configId,
    toolName: row.toolName,
    exposedName: exposedNameOf(row),
    status: row.status,
    approvedHash: row.approvedHash,
    pendingHash: row.pendingHash,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** A pin with both definitions, their diff and the findings. */
export function toToolPinDetailDto(
  row: ToolPinRow,
  findings: ToolPinDetailDto['findings'],
): ToolPinDetailDto {
  const approved = asObject(row.approvedDefinition);
  const pending = asObject(row.pendingDefinition);
  return {
    ...toToolPinDto(row),
    approvedDefinition: approved,
    pendingDefinition: pending,
    diff: approved && pending ? definitionDiff(approved, pending) : null,
    findings,
  };
}
