import { Controller, Get } from '@nestjs/common';
import { createRequire } from 'node:module';
import { ResponseBodyError } from 'openid-client';
import { CiamErrorMap } from '../../lib/index.js';

type SdkExceptionClass = new (
  message: string,
  requestId?: string,
  traceId?: string,
) => Error & { code?: string; requestId: string; traceId: string };

// The SDK's own exception class (CommonJS, `exports.default`), as its client throws it.
const require = createRequire(import.meta.url);
const TencentCloudSDKHttpException = (
  require('tencentcloud-sdk-nodejs-common/tencentcloud/common/exception/tencent_cloud_sdk_exception.js') as {
    default: SdkExceptionClass;
  }
).default;

/** What the Tencent Cloud SDK throws for a 200 answer carrying `Response.Error`. */
export function sdkException(code: string): Error {
  const error = new TencentCloudSDKHttpException(
    `upstream says ${code}`,
    'ed93f3cb-f35e-473f-b9f3-0d451b8b79c6',
    '0b0d8e3e-5b61-4bd3-9f2a-6a1f1c9d3e11',
  );
  error.code = code;
  return error;
}

/** The answer of a tenant host's token endpoint to a wrong password, as fetch hands it over. */
const TOKEN_ANSWER = {
  url: 'https://acme.portal.tencentciam.com/oauth2/token',
  status: 400,
  headers: new Headers({ 'content-type': 'application/json' }),
};

/**
 * What openid-client 6 throws for that answer (its own `ResponseBodyError`, from oauth4webapi),
 * made anew for each request as the client does.
 */
export function openidClientError(): Error {
  return new ResponseBodyError('server responded with an error in the response body', {
    cause: { error: 'invalid_grant', error_description: 'Wrong username or password' },
    response: TOKEN_ANSWER as unknown as Response,
  });
}

/** A sign-in route as the README shows it: a controller-level map and a handler-level override. */
@Controller('sessions')
@CiamErrorMap({ 'FailedOperation.UserNotFound': 401 })
export class SignInController {
  @Get('sign-in')
  @CiamErrorMap({
    'FailedOperation.UserNotFound': {
      code: 'UnknownUser',
      expose: true,
      message: {
        en: 'Unknown user name or password.',
        'zh-CN': '用户名或密码错误。',
        'zh-TW': '使用者名稱或密碼錯誤。',
      },
    },
  })
  signIn(): never {
    throw sdkException('FailedOperation.UserNotFound');
  }
}
