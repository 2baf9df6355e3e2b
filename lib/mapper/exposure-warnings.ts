import type { LoggerService } from '@nestjs/common';
import type { CiamCodeDefaults } from '../catalog/ciam-error-catalog.interface.js';
import { codeAndAncestors } from '../catalog/ciam-code.util.js';
import type { NormalizedOverride } from '../options/override-map.util.js';
import { escapeLogValue, writeLog } from '../utils/log-text.util.js';

type OverrideTable = ReadonlyMap<string, NormalizedOverride>;

/**
 * Warns, once per map, when a prefix key of an override map exposes codes the catalog hides
 * (`FailedOperation: { expose: true }` shows `FailedOperation.InvalidTenant`): at start-up for the
 * `overrides` option and every `@CiamErrorMap` the app declares, or when a route first fails.
 */
export class ExposureWarnings {
  private readonly checked = new WeakSet<object>();

  constructor(
    private readonly catalog: ReadonlyMap<string, CiamCodeDefaults>,
    private readonly logger: LoggerService | undefined,
  ) {}

  /** `route` names the class or `Class.method` of a `@CiamErrorMap`; none for the option. */
  check(route: string | undefined, map: OverrideTable): void {
    if (this.checked.has(map)) return;
    this.checked.add(map);
    if (this.logger === undefined) return;
    // Class and method names can be set at run time: escaped like any logged value.
    const where =
      route === undefined ? 'the overrides option' : `@CiamErrorMap on ${escapeLogValue(route)}`;
    const warning = exposureWarning(where, hiddenCodesExposedByPrefix(this.catalog, map));
    if (warning !== undefined) writeLog(this.logger, 'warn', warning);
  }
}

/** A catalog code the catalog hides that a prefix key of an override map shows. */
export interface ExposedHiddenCode {
  readonly code: string;
  /** Catalog status of the code. */
  readonly status: number;
  /** The prefix key whose `expose: true` reaches it. */
  readonly key: string;
}

/**
 * The codes the catalog hides (operator-side: credentials, tenant set-up, quotas…) that a
 * _prefix_ key of `map` exposes: the nearest key above the code with an `expose` says `true`,
 * and no key of the same map gives the code a custom public code (then the CIAM code is not
 * what clients see). Exact keys are deliberate and not reported.
 */
export function hiddenCodesExposedByPrefix(
  catalog: ReadonlyMap<string, CiamCodeDefaults>,
  map: ReadonlyMap<string, NormalizedOverride>,
): ExposedHiddenCode[] {
  let anyExpose = false;
  for (const override of map.values()) anyExpose ||= override.expose === true;
  if (!anyExpose) return [];
  const nearest = (code: string, name: 'expose' | 'code') => {
    for (const candidate of codeAndAncestors(code)) {
      if (map.get(candidate)?.[name] !== undefined) return candidate;
    }
    return undefined;
  };
  const found: ExposedHiddenCode[] = [];
  for (const [code, entry] of catalog) {
    if (entry.expose) continue;
    const key = nearest(code, 'expose');
    if (key === undefined || key === code || map.get(key)!.expose !== true) continue;
    if (nearest(code, 'code') !== undefined) continue;
    found.push({ code, status: entry.status, key });
  }
  return found;
}

/** The start-up warning for {@link hiddenCodesExposedByPrefix}'s findings, if any. */
export function exposureWarning(
  where: string,
  found: readonly ExposedHiddenCode[],
): string | undefined {
  if (found.length === 0) return undefined;
  const list = found.map(({ code, status, key }) => `${code} (${status}, through "${key}")`);
  return (
    `CiamErrorsModule: ${where} exposes codes the catalog hides as operator-side: ` +
    `${list.join(', ')}. Clients will see these codes and their texts; if that is not meant, ` +
    `put expose: true on the codes you mean instead of their prefix, or add ` +
    `{ expose: false } for these.`
  );
}
