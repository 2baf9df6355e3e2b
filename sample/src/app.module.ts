import { Module } from '@nestjs/common';
import { CiamErrorsModule } from 'nestjs-ciam-errors';
import type { CiamErrorsModuleOptions } from 'nestjs-ciam-errors';
import { CIAM_TENANT } from './auth/auth.constants.js';
import { AuthModule } from './auth/auth.module.js';
import type { CiamTenant } from './auth/ciam-tenant.js';
import { CiamModule } from './ciam/ciam.module.js';
import { UsersGateway } from './gateway/users.gateway.js';
import { ImportsController } from './imports/imports.controller.js';
import { SessionsController } from './sessions/sessions.controller.js';
import { UsersController } from './users/users.controller.js';
import { UsersService } from './users/users.service.js';

/** The package's options; the tenant is known once the app has started (and discovered) it. */
export function ciamErrorsOptions(tenant: CiamTenant | null): CiamErrorsModuleOptions {
  return {
    // Development convenience: show CIAM's own message. Never in production.
    exposeUpstreamMessage: process.env.NODE_ENV === 'development',
    // OAuth errors from this host are CIAM's (the default, *.tencentciam.com, does not match the
    // emulator's 127.0.0.1, nor a tenant on a custom domain).
    ...(tenant !== null && { authHosts: [tenant.hostname] }),
  };
}

@Module({
  imports: [
    CiamModule,
    AuthModule,
    CiamErrorsModule.forRootAsync({
      imports: [AuthModule],
      inject: [CIAM_TENANT],
      useFactory: ciamErrorsOptions,
    }),
  ],
  controllers: [UsersController, SessionsController, ImportsController],
  providers: [UsersService, UsersGateway],
})
export class AppModule {}
