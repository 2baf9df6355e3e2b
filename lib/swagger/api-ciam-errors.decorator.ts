import { METHOD_METADATA } from '@nestjs/common/constants.js';
import { ApiExtension } from '@nestjs/swagger';
import { CIAM_ACTION_ERRORS } from '../catalog/ciam-actions.js';
import type { CiamActionName } from '../catalog/ciam-actions.js';
import { CATALOG_CODES } from '../catalog/catalog-codes.js';
import { suggestCode } from '../catalog/ciam-code.util.js';
import type { CiamAuthEndpoint, CiamAuthErrorCode } from '../catalog/ciam-auth-code-defaults.js';
import { CIAM_AUTH_ENDPOINT_ERRORS } from '../catalog/ciam-auth-endpoints.js';
import type { CiamErrorCode } from '../catalog/ciam-error-catalog.interface.js';
import { CiamErrorsConfigError } from '../options/ciam-errors-config.error.js';
import { describeValue } from '../options/describe-value.util.js';
import { CIAM_ERRORS_EXTENSION, declarationOf } from './ciam-route-registry.js';

/**
 * What a route can meet, for {@link ApiCiamErrors}.
 *
 * @example
 * const signIn: ApiCiamErrorsOptions = {
 *   actions: ['DescribeUserById'],
 *   codes: ['FailedOperation.UserIsFreeze'],
 * };
 * @publicApi
 */
export interface ApiCiamErrorsOptions {
  /**
   * The CIAM actions the route calls. Each brings the codes CIAM lists for it
   * (`CIAM_ACTION_ERRORS[action]`), the codes any call can get (`CIAM_COMMON_ERRORS`) and the
   * transport failures (timeout, network, a non-200 answer).
   */
  readonly actions?: readonly CiamActionName[];
  /**
   * The tenant host's endpoints the route calls (the authentication API). Each brings the
   * `error` values CIAM documents for it (`CIAM_AUTH_ENDPOINT_ERRORS[endpoint]`), those any
   * endpoint can answer and the transport failures.
   */
  readonly endpoints?: readonly CiamAuthEndpoint[];
  /** Codes the route throws itself (`new CiamException(code)`), or meets in other ways. */
  readonly codes?: readonly (CiamErrorCode | CiamAuthErrorCode)[];
}

const ACTIONS: ReadonlySet<string> = new Set(Object.keys(CIAM_ACTION_ERRORS));
const CODES = CATALOG_CODES;
const ENDPOINTS: ReadonlySet<string> = new Set(Object.keys(CIAM_AUTH_ENDPOINT_ERRORS));
const WHERE = 'CiamErrorsModule: @ApiCiamErrors';

/**
 * Declares which CIAM actions a route calls and which CIAM codes it throws, so that
 * `addCiamErrorResponses` (from this same entry) documents its error responses as the app
 * answers them. On a controller it applies to each of its routes; on a controller and a handler,
 * the route gets both.
 *
 * Actions and codes are typed: a misspelt one does not compile, and is refused when the class is
 * defined in JavaScript.
 *
 * @example
 * @Controller('users')
 * @ApiCiamErrors({ actions: ['DescribeUserById'] })
 * export class UsersController {
 *   @Post(':id/sessions')
 *   @ApiCiamErrors({ codes: ['FailedOperation.UserIsFreeze'] }) // thrown by the handler itself
 *   signIn() {}
 * }
 * @publicApi
 */
export function ApiCiamErrors(options: ApiCiamErrorsOptions): ClassDecorator & MethodDecorator {
  const { actions, endpoints, codes } = validate(options);
  const declare = (
    controller: Function,
    prototype: object,
    key: string | symbol,
    method: Function,
  ) => {
    const { declaration, created } = declarationOf(controller, method);
    // A method-level extension, as the explorer reads extensions from the handler only; once per
    // handler: a second ApiExtension would not replace the first id anyway.
    if (created) {
      ApiExtension(CIAM_ERRORS_EXTENSION, declaration.id)(prototype, key, { value: method });
    }
    for (const action of actions) declaration.actions.add(action);
    for (const endpoint of endpoints) declaration.endpoints.add(endpoint);
    for (const code of codes) declaration.codes.add(code);
  };
  return ((target: object, key?: string | symbol, descriptor?: PropertyDescriptor) => {
    if (descriptor !== undefined) {
      const method: unknown = descriptor.value;
      if (typeof method !== 'function') {
        throw new CiamErrorsConfigError(`${WHERE} belongs on a method or a class.`);
      }
      declare((target as { constructor: Function }).constructor, target, key!, method);
      return descriptor;
    }
    // Method decorators have run by now: the routes are the methods with an HTTP method.
    const controller = target as Function;
    const prototype = controller.prototype as object;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      if (name === 'constructor') continue;
      const method: unknown = Object.getOwnPropertyDescriptor(prototype, name)?.value;
      if (typeof method === 'function' && Reflect.hasMetadata(METHOD_METADATA, method)) {
        declare(controller, prototype, name, method);
      }
    }
    return target;
  }) as ClassDecorator & MethodDecorator;
}

function validate(options: unknown): {
  actions: readonly CiamActionName[];
  endpoints: readonly CiamAuthEndpoint[];
  codes: readonly (CiamErrorCode | CiamAuthErrorCode)[];
} {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new CiamErrorsConfigError(
      `${WHERE} takes { actions?, endpoints?, codes? }, got ${describeValue(options)}.`,
    );
  }
  const given = options as Record<string, unknown>;
  for (const key of Object.keys(given)) {
    if (key !== 'actions' && key !== 'endpoints' && key !== 'codes') {
      throw new CiamErrorsConfigError(
        `${WHERE} has an unknown key "${key}" (allowed: actions, endpoints, codes).`,
      );
    }
  }
  return {
    actions: listOf('actions', given.actions, ACTIONS, 'a CIAM action') as CiamActionName[],
    endpoints: listOf(
      'endpoints',
      given.endpoints,
      ENDPOINTS,
      'an endpoint of the tenant host',
    ) as CiamAuthEndpoint[],
    codes: listOf('codes', given.codes, CODES, 'a CIAM catalog code') as (
      CiamErrorCode | CiamAuthErrorCode
    )[],
  };
}

function listOf(name: string, value: unknown, known: ReadonlySet<string>, what: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    throw new CiamErrorsConfigError(
      `${WHERE} ${name} must be an array, got ${describeValue(value)}.`,
    );
  }
  for (const item of value as unknown[]) {
    if (typeof item === 'string' && known.has(item)) continue;
    const suggestion = typeof item === 'string' ? suggestCode(item, known) : undefined;
    throw new CiamErrorsConfigError(
      `${WHERE} ${name} has ${describeValue(item)}, which is not ${what}` +
        (suggestion ? ` (did you mean ${suggestion}?).` : '.'),
    );
  }
  return [...(value as string[])];
}
