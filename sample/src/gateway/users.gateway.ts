import { UseFilters } from '@nestjs/common';
import { MessageBody, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import { CiamExceptionFilter } from 'nestjs-ciam-errors';
import { UsersService } from '../users/users.service.js';
import type { User } from '../users/users.service.js';

/**
 * The users API over socket.io, on the app's own port. Nest applies no global filter to
 * gateways, hence `@UseFilters`: a CIAM error comes back as the `exception` event
 * `{ status: 'error', statusCode, code, message, requestId }`, in the language of the
 * handshake's Accept-Language.
 */
@WebSocketGateway()
@UseFilters(CiamExceptionFilter)
export class UsersGateway {
  constructor(private readonly users: UsersService) {}

  /** `socket.emit('user.get', id, (user) => …)`: the user as the acknowledgement. */
  @SubscribeMessage('user.get')
  get(@MessageBody() id: string): Promise<User> {
    return this.users.get(id);
  }
}
