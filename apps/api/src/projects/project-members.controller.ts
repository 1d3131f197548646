import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiErrors, ApiIdempotent } from '../http/api-docs.decorators';
import { IdParamDto } from '../http/id-param.dto';
import {
  AddProjectMemberDto,
  ProjectMemberDto,
  ProjectMemberListDto,
  ProjectMemberParamDto,
  UpdateProjectMemberDto,
} from './dto/project-member.dto';
import { ProjectMembersService } from './project-members.service';

@ApiTags('projects')
@ApiBearerAuth()
@Controller('projects/:id/members')
export class ProjectMembersController {
  constructor(private readonly members: ProjectMembersService) {}

  @Post()
  @ApiOperation({
    operationId: 'addProjectMember',
    summary: 'Add a user to a project (201), or change the role of an existing member (200).',
  })
  @ApiIdempotent()
  @ApiCreatedResponse({ type: ProjectMemberDto, description: 'Added.' })
  @ApiOkResponse({ type: ProjectMemberDto, description: 'Already a member; role updated when given.' })
  @ApiErrors(400, 404, 409, 413, 422)
  add(
    @Param() { id }: IdParamDto,
    @Body() body: AddProjectMemberDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ProjectMemberDto> {
    return this.addOrUpdate(id, body, response);
  }

  @Put()
  @ApiOperation({
    operationId: 'upsertProjectMember',
    summary: 'Add a member or set their role (idempotent).',
  })
  @ApiCreatedResponse({ type: ProjectMemberDto, description: 'Added.' })
  @ApiOkResponse({ type: ProjectMemberDto, description: 'Updated (or unchanged).' })
  @ApiErrors(400, 404, 409, 413)
  upsert(
    @Param() { id }: IdParamDto,
    @Body() body: AddProjectMemberDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ProjectMemberDto> {
    return this.addOrUpdate(id, body, response);
  }

  @Get()
  @ApiOperation({
    operationId: 'listProjectMembers',
    summary: 'List the members of a project with their roles.',
  })
  @ApiOkResponse({ type: ProjectMemberListDto })
  @ApiErrors(400, 404)
  list(@Param() { id }: IdParamDto): Promise<ProjectMemberListDto> {
    return this.members.list(id);
  }

  @Patch(':userId')
  @ApiOperation({ operationId: 'updateProjectMember', summary: "Change a member's role." })
  @ApiOkResponse({ type: ProjectMemberDto })
  @ApiErrors(400, 404, 413)
  update(
    @Param() { id, userId }: ProjectMemberParamDto,
    @Body() body: UpdateProjectMemberDto,
  ): Promise<ProjectMemberDto> {
    return this.members.updateRole(id, userId, body.role);
  }

  @Delete(':userId')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'removeProjectMember',
    summary: 'Remove a user from a project (404 if not a member).',
  })
  @ApiNoContentResponse({ description: 'Removed.' })
  @ApiErrors(400, 404)
  remove(@Param() { id, userId }: ProjectMemberParamDto): Promise<void> {
    return this.members.remove(id, userId);
  }

  private async addOrUpdate(
    id: string,
    body: AddProjectMemberDto,
    response: Response,
  ): Promise<ProjectMemberDto> {
    const { created, member } = await this.members.add(id, body);
    response.status(created ? 201 : 200);
    return member;
  }
}
