import { isDeepStrictEqual } from 'node:util';
import type { OpenApiJson } from './ciam-error-schemas.js';

/**
 * A response the app declared itself for the same status stays as it was, and gains ours: its
 * description and headers win; for a media type both have, the body is `anyOf` both schemas
 * (they may overlap, which `oneOf` forbids) and the examples of both, its own winning a key
 * both use. A `$ref` response is the app's whole choice and is left alone.
 */
export function merge(theirs: OpenApiJson, ours: OpenApiJson): OpenApiJson {
  if (typeof theirs !== 'object' || theirs === null || '$ref' in theirs) return theirs;
  if (typeof theirs.description !== 'string' || theirs.description === '') {
    theirs.description = ours.description;
  }
  const headers = ((theirs.headers as OpenApiJson | undefined) ??= {});
  const taken = new Set(Object.keys(headers).map((name) => name.toLowerCase()));
  for (const [name, header] of Object.entries(ours.headers as OpenApiJson)) {
    if (!taken.has(name.toLowerCase())) headers[name] = header;
  }
  const content = ((theirs.content as OpenApiJson | undefined) ??= {});
  for (const [media, mine] of Object.entries(ours.content as Record<string, OpenApiJson>)) {
    const own = content[media] as OpenApiJson | undefined;
    if (own === undefined) {
      content[media] = mine;
      continue;
    }
    if (own.schema === undefined) {
      own.schema = mine.schema;
    } else if (!sameJson(own.schema, mine.schema)) {
      own.schema = { anyOf: [own.schema, mine.schema] };
    }
    if (mine.examples === undefined) continue;
    // `example` and `examples` exclude each other: a single example becomes the first of many.
    const examples = (own.examples ??=
      own.example === undefined ? {} : { default: { value: own.example } }) as OpenApiJson;
    delete own.example;
    for (const [key, example] of Object.entries(mine.examples as OpenApiJson)) {
      if (!(key in examples)) examples[key] = example;
    }
  }
  return theirs;
}

/** Equal as JSON, whatever the realm or key order (a document can be parsed anywhere). */
export function sameJson(a: unknown, b: unknown): boolean {
  return isDeepStrictEqual(JSON.parse(JSON.stringify(a)), JSON.parse(JSON.stringify(b)));
}
