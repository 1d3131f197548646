import { Module } from '@nestjs/common';
import { ToolDiscoveriesConsumer } from './tool-discoveries.consumer';
import { ToolDiscoveriesService } from './tool-discoveries.service';
import { ToolPinsController } from './tool-pins.controller';
import { ToolPinsRepository } from './tool-pins.repository';
import { ToolPinsService } from './tool-pins.service';

/** Pinned tool definitions: the workers' discoveries in, admin review out. */
@Module({
  controllers: [ToolPinsController],
  providers: [ToolPinsService, ToolDiscoveriesService, ToolDiscoveriesConsumer, ToolPinsRepository],
})
export class ToolPinsModule {}
