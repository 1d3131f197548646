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
import { CreateUserDto, ListUsersQueryDto, UpdateUserDto, UserDto, UserPageDto } from './dto/user.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @ApiOperation({ operationId: 'createUser', summary: 'Create a user (409 if the e-mail address is taken).' })
  @ApiIdempotent()
  @ApiCreatedResponse({ type: UserDto })
  @ApiErrors(400, 409, 413, 422)
  create(@Body() body: CreateUserDto): Promise<UserDto> {
    return this.users.create(body);
  }

  @Put()
  @ApiOperation({
    operationId: 'upsertUser',
    summary: 'Create or update a user by e-mail address (idempotent).',
  })
  @ApiOkResponse({ type: UserDto, description: 'Updated (or unchanged).' })
  @ApiCreatedResponse({ type: UserDto, description: 'Created.' })
  @ApiErrors(400, 413)
  async upsert(
    @Body() body: CreateUserDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<UserDto> {
    const { created, user } = await this.users.upsert(body);
    response.status(created ? 201 : 200);
    return user;
  }

  @Get()
  @ApiOperation({ operationId: 'listUsers', summary: 'List users, newest first.' })
  @ApiOkResponse({ type: UserPageDto })
  @ApiErrors(400)
  list(@Query() query: ListUsersQueryDto): Promise<UserPageDto> {
    return this.users.list(query);
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getUser', summary: 'Get a user.' })
  @ApiOkResponse({ type: UserDto })
  @ApiErrors(400, 404)
  get(@Param() { id }: IdParamDto): Promise<UserDto> {
    return this.users.get(id);
  }

  @Patch(':id')
  @ApiOperation({ operationId: 'updateUser', summary: 'Change a user.' })
  @ApiOkResponse({ type: UserDto })
  @ApiErrors(400, 404, 409, 413)
  update(@Param() { id }: IdParamDto, @Body() body: UpdateUserDto): Promise<UserDto> {
    return this.users.update(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ operationId: 'deleteUser', summary: 'Delete a user with their memberships and keys.' })
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiErrors(400, 404)
  remove(@Param() { id }: IdParamDto): Promise<void> {
    return this.users.remove(id);
  }
}
