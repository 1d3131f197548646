import { Module, type DynamicModule } from '@nestjs/common';
import { PrismaService } from './prisma.service';

/** Provides {@link PrismaService} for one database URL to the whole api. */
@Module({})
export class DbModule {
  static forRoot(databaseUrl: string): DynamicModule {
    return {
      module: DbModule,
      global: true,
      providers: [{ provide: PrismaService, useFactory: () => new PrismaService(databaseUrl) }],
      exports: [PrismaService],
    };
  }
}
