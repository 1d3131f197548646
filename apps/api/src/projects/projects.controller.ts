import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
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
  CreateProjectDto,
  ListProjectsQueryDto,
  ProjectDto,
  ProjectPageDto,
  UpdateProjectDto,
} from './dto/project.dto';
import { ProjectsService } from './projects.service';

@ApiTags('projects')
@ApiBearerAuth()
@Controller('projects')
export class ProjectsController {
  constructor(private readonly projects: ProjectsService) {}

  @Post()
  @ApiOperation({
    operationId: 'createProject',
    summary: 'Create a project (409 if the name is taken, 404 if the MCP config does not exist).',
  })
  @ApiIdempotent()
  @ApiCreatedResponse({ type: ProjectDto })
  @ApiErrors(400, 404, 409, 413, 422)
  create(@Body() body: CreateProjectDto): Promise<ProjectDto> {
    return this.projects.create(body);
  }

  @Put()
  @ApiOperation({ operationId: 'upsertProject', summary: 'Create or update a project by name (idempotent).' })
  @ApiOkResponse({ type: ProjectDto, description: 'Updated (or unchanged).' })
  @ApiCreatedResponse({ type: ProjectDto, description: 'Created.' })
  @ApiErrors(400, 404, 409, 413)
  async upsert(
    @Body() body: CreateProjectDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ProjectDto> {
    const { created, project } = await this.projects.upsert(body);
    response.status(created ? 201 : 200);
    return project;
  }

  @Get()
  @ApiOperation({ operationId: 'listProjects', summary: 'List projects, newest first.' })
  @ApiOkResponse({ type: ProjectPageDto })
  @ApiErrors(400)
  list(@Query() query: ListProjectsQueryDto): Promise<ProjectPageDto> {
    return this.projects.list(query);
  }

  @Get(':id')
  @ApiOperation({
    operationId: 'getProject',
    summary: 'Get a project with its MCP config id and member count.',
  })
  @ApiOkResponse({ type: ProjectDto })
  @ApiErrors(400, 404)
  get(@Param() { id }: IdParamDto): Promise<ProjectDto> {
    return this.projects.get(id);
  }

  @Patch(':id')
  @ApiOperation({
    operationId: 'updateProject',
    summary:
      'Change a project; `{"mcpConfigId": "<id>"}` assigns an MCP config, `{"mcpConfigId": null}` unassigns it.',
  })
  @ApiOkResponse({ type: ProjectDto })
  @ApiErrors(400, 404, 409, 413)
  update(@Param() { id }: IdParamDto, @Body() body: UpdateProjectDto): Promise<ProjectDto> {
    return this.projects.update(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'deleteProject',
    summary: 'Delete a project with its memberships and gateway keys.',
  })
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiErrors(400, 404)
  remove(@Param() { id }: IdParamDto): Promise<void> {
    return this.projects.remove(id);
  }
}
