import type { Change } from '@bastion/contracts';
import { Prisma, type Tx } from '@bastion/db';
import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { toPage } from '../http/pagination';
import { ConfigWriter } from '../outbox/config-writer';
import { toToolPinEntry } from '../outbox/snapshot-entries';
import type { ListToolPinsQueryDto, ToolPinDetailDto, ToolPinPageDto } from './dto/tool-pin.dto';
import { pinFindings } from './tool-pin.findings';
import { toToolPinDetailDto, toToolPinDto } from './tool-pin.mapper';
import { ToolPinsRepository, type ToolPinRow } from './tool-pins.repository';

const upsertChange = (row: ToolPinRow): Change => ({
  op: 'upsert',
  entity: 'toolPins',
  id: row.id,
  data: toToolPinEntry(row),
});

/** Review of pinned tool definitions: list, inspect, approve or reject a pending version, forget. */
@Injectable()
export class ToolPinsService {
  constructor(
    private readonly pins: ToolPinsRepository,
    private readonly writer: ConfigWriter,
  ) {}

  list(query: ListToolPinsQueryDto): Promise<ToolPinPageDto> {
    return this.writer.read(async (tx) => toPage(await this.pins.list(tx, query), query.limit, toToolPinDto));
  }

  get(id: string): Promise<ToolPinDetailDto> {
    return this.writer.read(async (tx) => this.detail(tx, await this.require(tx, id)));
  }

  /** The pending version becomes the approved one; workers expose the tool again. */
  approve(id: string, expectedHash?: string): Promise<ToolPinDetailDto> {
    return this.writer.write(async (tx) => {
      const pin = await this.requirePending(tx, id);
      if (expectedHash !== undefined && expectedHash !== pin.pendingHash) {
        throw new ConflictException(
          `The pending definition of tool pin ${id} changed since you reviewed it (now ${pin.pendingHash}); review it again.`,
        );
      }
      const row = await this.pins.update(tx, id, {
        status: 'approved',
        approvedHash: pin.pendingHash,
        approvedDefinition: jsonColumn(pin.pendingDefinition),
        pendingHash: null,
        pendingDefinition: Prisma.DbNull,
      });
      return { result: await this.detail(tx, row), changes: [upsertChange(row)] };
    });
  }

  /**
   * Drops the pending version. The tool keeps its approved version (and stays held back while the
   * upstream serves another one); a tool that never had an approved version is forgotten.
   */
  reject(id: string): Promise<void> {
    return this.writer.write(async (tx) => {
      const pin = await this.requirePending(tx, id);
      if (pin.approvedHash === null) return { result: undefined, changes: [await this.deleteChange(tx, id)] };
      const row = await this.pins.update(tx, id, {
        status: 'approved',
        pendingHash: null,
        pendingDefinition: Prisma.DbNull,
      });
      return { result: undefined, changes: [upsertChange(row)] };
    });
  }

  /** Forgets the pin: the next discovery of the tool starts over as a new tool. */
  forget(id: string): Promise<void> {
    return this.writer.write(async (tx) => {
      await this.require(tx, id);
      return { result: undefined, changes: [await this.deleteChange(tx, id)] };
    });
  }

  private async deleteChange(tx: Tx, id: string): Promise<Change> {
    await this.pins.delete(tx, id);
    return { op: 'delete', entity: 'toolPins', id };
  }

  private async detail(tx: Tx, row: ToolPinRow): Promise<ToolPinDetailDto> {
    return toToolPinDetailDto(row, pinFindings(row, await this.pins.listOfConfig(tx, row.server.configId)));
  }

  private async require(tx: Tx, id: string): Promise<ToolPinRow> {
    const pin = await this.pins.findById(tx, id);
    if (!pin) throw new NotFoundException(`Tool pin ${id} was not found.`);
    return pin;
  }

  private async requirePending(tx: Tx, id: string): Promise<ToolPinRow> {
    const pin = await this.require(tx, id);
    if (pin.pendingHash === null) throw new ConflictException(`Tool pin ${id} has no pending version.`);
    return pin;
  }
}

/** A JSON value read from a column, ready to be written to another (SQL NULL stays NULL). */
function jsonColumn(value: Prisma.JsonValue): Prisma.InputJsonValue | typeof Prisma.DbNull {
  return value === null ? Prisma.DbNull : value;
}
