import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { ProjectMembersController } from './project-members.controller';
import { ProjectMembersRepository } from './project-members.repository';
import { ProjectMembersService } from './project-members.service';
import { ProjectsController } from './projects.controller';
import { ProjectsRepository } from './projects.repository';
import { ProjectsService } from './projects.service';

/** Projects and their members. */
@Module({
  imports: [UsersModule],
  controllers: [ProjectsController, ProjectMembersController],
  providers: [ProjectsService, ProjectsRepository, ProjectMembersService, ProjectMembersRepository],
  exports: [ProjectsRepository],
})
export class ProjectsModule {}
