import { Injectable } from '@nestjs/common';
import type { OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { CiamErrorMapper } from './ciam-error-mapper.service.js';

type Fn = Function;

/**
 * @internal Reads every `@CiamErrorMap` of the app when it starts (controllers, and providers
 * such as GraphQL resolvers and WebSocket gateways) and gives the mapper the chance to warn
 * about prefix keys that expose codes the catalog hides. Without it the warning would wait for
 * the first error on that route. A failure here is reported and never stops the app.
 */
@Injectable()
export class CiamErrorMapReview implements OnApplicationBootstrap {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly mapper: CiamErrorMapper,
  ) {}

  onApplicationBootstrap(): void {
    if (this.mapper.logger === undefined) return;
    try {
      const seen = new Set<Fn>();
      for (const wrapper of [
        ...this.discovery.getControllers(),
        ...this.discovery.getProviders(),
      ]) {
        const type: unknown = wrapper.metatype;
        if (typeof type !== 'function' || seen.has(type)) continue;
        seen.add(type);
        this.mapper.reviewOverrideMaps(type, methodsOf(type));
      }
    } catch (failure) {
      this.mapper.reportFailure('start-up review of @CiamErrorMap', failure);
    }
  }
}

/** The methods a class declares (its own and inherited), accessors left alone. */
function methodsOf(type: Fn): Fn[] {
  const methods: Fn[] = [];
  let proto: unknown = type.prototype;
  while (typeof proto === 'object' && proto !== null && proto !== Object.prototype) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      if (name === 'constructor') continue;
      const value: unknown = Object.getOwnPropertyDescriptor(proto, name)?.value;
      if (typeof value === 'function') methods.push(value);
    }
    proto = Object.getPrototypeOf(proto);
  }
  return methods;
}
