import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import { ApiCiamErrors } from 'nestjs-ciam-errors/swagger';
import { UsersService } from '../users/users.service.js';

@ApiTags('imports')
@Controller('imports')
@ApiCiamErrors({ actions: ['CreateApiImportUserJob'] })
export class ImportsController {
  constructor(private readonly users: UsersService) {}

  /** Body `{ "users": [{ "userName": "…", "email": "…" }] }`: starts a CIAM import job. */
  @Post()
  @HttpCode(202)
  @ApiBody({
    schema: {
      type: 'object',
      properties: {
        users: {
          type: 'array',
          items: {
            type: 'object',
            properties: { userName: { type: 'string' }, email: { type: 'string' } },
          },
        },
      },
      example: { users: [{ userName: 'carol', email: 'carol@example.com' }] },
    },
  })
  start(
    @Body() body: { users?: { userName?: string; email?: string }[] },
  ): Promise<{ jobId: string }> {
    return this.users.startImport(Array.isArray(body?.users) ? body.users : []);
  }
}
