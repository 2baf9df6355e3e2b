import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { UsersService } from '../users/users.service.js';

@Controller('imports')
export class ImportsController {
  constructor(private readonly users: UsersService) {}

  /** Body `{ "users": [{ "userName": "…", "email": "…" }] }`: starts a CIAM import job. */
  @Post()
  @HttpCode(202)
  start(
    @Body() body: { users?: { userName?: string; email?: string }[] },
  ): Promise<{ jobId: string }> {
    return this.users.startImport(Array.isArray(body?.users) ? body.users : []);
  }
}
