import { Module } from '@nestjs/common';
import type { CiamConnection } from '../ciam/ciam-connection.js';
import { CIAM_CONNECTION } from '../ciam/ciam.constants.js';
import { AuthController } from './auth.controller.js';
import { CIAM_TENANT } from './auth.constants.js';
import { AuthService } from './auth.service.js';
import { openCiamTenant } from './ciam-tenant.js';

/**
 * Sign-in through the tenant host. Exports the tenant: CiamErrorsModule's options name its host
 * in `authHosts`.
 */
@Module({
  providers: [
    {
      provide: CIAM_TENANT,
      inject: [CIAM_CONNECTION],
      useFactory: (connection: CiamConnection) => openCiamTenant(connection),
    },
    AuthService,
  ],
  controllers: [AuthController],
  exports: [CIAM_TENANT],
})
export class AuthModule {}
