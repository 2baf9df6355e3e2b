import { Module } from '@nestjs/common';
import { CiamErrorsModule } from 'nestjs-ciam-errors';
import { CiamModule } from './ciam/ciam.module.js';
import { UsersGateway } from './gateway/users.gateway.js';
import { ImportsController } from './imports/imports.controller.js';
import { SessionsController } from './sessions/sessions.controller.js';
import { UsersController } from './users/users.controller.js';
import { UsersService } from './users/users.service.js';

@Module({
  imports: [
    CiamModule,
    CiamErrorsModule.forRoot({
      // Development convenience: show CIAM's own message. Never in production.
      exposeUpstreamMessage: process.env.NODE_ENV === 'development',
    }),
  ],
  controllers: [UsersController, SessionsController, ImportsController],
  providers: [UsersService, UsersGateway],
})
export class AppModule {}
