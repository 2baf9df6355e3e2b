import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { UsersService } from './users.service.js';
import type { User } from './users.service.js';

@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  create(
    @Body() body: { userName?: string; email?: string; phoneNumber?: string; password?: string },
  ): Promise<User> {
    return this.users.create(body ?? {});
  }

  /** `GET /users?userName=alice`: any CIAM user property works as a filter. */
  @Get()
  search(@Query() query: Record<string, string>): Promise<{ total: number; users: User[] }> {
    return this.users.search(query);
  }

  @Get(':id')
  get(@Param('id') id: string): Promise<User> {
    return this.users.get(id);
  }

  /** Body `{ "status": "NORMAL" | "LOCK" | "FREEZE" }`. */
  @Patch(':id/status')
  @HttpCode(204)
  updateStatus(@Param('id') id: string, @Body() body: { status?: string }): Promise<void> {
    return this.users.updateStatus(id, body?.status ?? '');
  }

  @Post(':id/password-reset')
  @HttpCode(204)
  resetPassword(@Param('id') id: string): Promise<void> {
    return this.users.resetPassword(id);
  }

  /** Body `{ "secondaryUserId": "…", "on": "EMAIL" | "PHONENUMBER" }`. */
  @Post(':id/links')
  @HttpCode(204)
  link(
    @Param('id') id: string,
    @Body() body: { secondaryUserId?: string; on?: string },
  ): Promise<void> {
    return this.users.link(id, body?.secondaryUserId ?? '', body?.on ?? 'EMAIL');
  }
}
