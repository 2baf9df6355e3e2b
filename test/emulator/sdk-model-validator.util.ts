import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import ts from 'typescript';

/** A type as the SDK's model files spell it; anything else fails loudly at load time. */
export type ModelType =
  | { kind: 'string' | 'number' | 'boolean' | 'bigint' | 'null' }
  | { kind: 'array'; element: ModelType }
  | { kind: 'union'; options: readonly ModelType[] }
  | { kind: 'ref'; name: string };

export interface ModelProperty {
  readonly type: ModelType;
  readonly optional: boolean;
  /** Its JSDoc carries Tencent's "此字段可能返回 null" note. */
  readonly nullable: boolean;
}

export type ModelDeclaration =
  | { kind: 'interface'; properties: ReadonlyMap<string, ModelProperty> }
  | { kind: 'alias'; type: ModelType };

export type ModelSet = ReadonlyMap<string, ModelDeclaration>;

const NULLABLE_NOTE = /此字段可能返回\s*null/;

const KEYWORD_TYPES: ReadonlyMap<ts.SyntaxKind, ModelType> = new Map([
  [ts.SyntaxKind.StringKeyword, { kind: 'string' }],
  [ts.SyntaxKind.NumberKeyword, { kind: 'number' }],
  [ts.SyntaxKind.BooleanKeyword, { kind: 'boolean' }],
  [ts.SyntaxKind.BigIntKeyword, { kind: 'bigint' }],
  [ts.SyntaxKind.NullKeyword, { kind: 'null' }],
]);

/**
 * Reads the interfaces and type aliases of a model declaration file. Throws on syntax it does
 * not model, so a new SDK shape cannot silently pass every check.
 */
export function parseModelDeclarations(source: string, fileName = 'models.d.ts'): ModelSet {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const unsupported = (node: ts.Node, what: string): Error => {
    const { line } = file.getLineAndCharacterOfPosition(node.getStart(file));
    return new Error(`${fileName}:${line + 1}: unsupported ${what}: ${node.getText(file)}`);
  };

  const toModelType = (node: ts.TypeNode): ModelType => {
    const keyword = KEYWORD_TYPES.get(node.kind);
    if (keyword !== undefined) return keyword;
    if (ts.isLiteralTypeNode(node) && node.literal.kind === ts.SyntaxKind.NullKeyword) {
      return { kind: 'null' };
    }
    if (ts.isParenthesizedTypeNode(node)) return toModelType(node.type);
    if (ts.isArrayTypeNode(node)) return { kind: 'array', element: toModelType(node.elementType) };
    if (ts.isUnionTypeNode(node)) return { kind: 'union', options: node.types.map(toModelType) };
    if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName)) {
      const args = node.typeArguments ?? [];
      if (node.typeName.text === 'Array' && args.length === 1) {
        return { kind: 'array', element: toModelType(args[0]) };
      }
      if (args.length === 0) return { kind: 'ref', name: node.typeName.text };
    }
    throw unsupported(node, 'type');
  };

  const leadingComments = (node: ts.Node): string =>
    (ts.getLeadingCommentRanges(source, node.pos) ?? [])
      .map((range) => source.slice(range.pos, range.end))
      .join('\n');

  const models = new Map<string, ModelDeclaration>();
  for (const statement of file.statements) {
    if (ts.isInterfaceDeclaration(statement)) {
      if (statement.heritageClauses !== undefined || statement.typeParameters !== undefined) {
        throw unsupported(statement.name, 'interface heading');
      }
      const properties = new Map<string, ModelProperty>();
      for (const member of statement.members) {
        if (!ts.isPropertySignature(member) || member.type === undefined) {
          throw unsupported(member, 'member');
        }
        if (!ts.isIdentifier(member.name) && !ts.isStringLiteral(member.name)) {
          throw unsupported(member.name, 'property name');
        }
        properties.set(member.name.text, {
          type: toModelType(member.type),
          optional: member.questionToken !== undefined,
          nullable: NULLABLE_NOTE.test(leadingComments(member)),
        });
      }
      models.set(statement.name.text, { kind: 'interface', properties });
    } else if (ts.isTypeAliasDeclaration(statement)) {
      if (statement.typeParameters !== undefined) throw unsupported(statement.name, 'alias');
      models.set(statement.name.text, { kind: 'alias', type: toModelType(statement.type) });
    } else if (!ts.isImportDeclaration(statement)) {
      throw unsupported(statement, 'statement');
    }
  }
  assertReferencesResolve(models, fileName);
  return models;
}

function referencedNames(type: ModelType): string[] {
  switch (type.kind) {
    case 'ref':
      return [type.name];
    case 'array':
      return referencedNames(type.element);
    case 'union':
      return type.options.flatMap(referencedNames);
    default:
      return [];
  }
}

function assertReferencesResolve(models: ModelSet, fileName: string): void {
  for (const [name, declaration] of models) {
    const types =
      declaration.kind === 'alias'
        ? [declaration.type]
        : [...declaration.properties.values()].map((property) => property.type);
    const missing = types.flatMap(referencedNames).find((ref) => !models.has(ref));
    if (missing !== undefined) {
      throw new Error(`${fileName}: ${name} refers to ${missing}, which the file does not declare`);
    }
  }
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function describeType(type: ModelType): string {
  switch (type.kind) {
    case 'ref':
      return type.name;
    case 'array':
      return `Array<${describeType(type.element)}>`;
    case 'union':
      return type.options.map(describeType).join(' | ');
    default:
      return type.kind;
  }
}

function allowsNull(models: ModelSet, type: ModelType): boolean {
  if (type.kind === 'null') return true;
  if (type.kind === 'union') return type.options.some((option) => allowsNull(models, option));
  if (type.kind === 'ref') {
    const declaration = models.get(type.name);
    return declaration?.kind === 'alias' && allowsNull(models, declaration.type);
  }
  return false;
}

function checkType(
  models: ModelSet,
  type: ModelType,
  value: unknown,
  path: string,
  problems: string[],
): void {
  if (value === null) {
    if (!allowsNull(models, type)) problems.push(`${path}: null not allowed`);
    return;
  }
  switch (type.kind) {
    case 'null':
      problems.push(mismatch(path, type, value));
      return;
    case 'string':
    case 'boolean':
    case 'bigint':
      if (typeof value !== type.kind) problems.push(mismatch(path, type, value));
      return;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        problems.push(mismatch(path, type, value));
      }
      return;
    case 'array':
      if (!Array.isArray(value)) {
        problems.push(mismatch(path, type, value));
        return;
      }
      value.forEach((item, index) =>
        checkType(models, type.element, item, `${path}[${index}]`, problems),
      );
      return;
    case 'union': {
      const attempts = type.options.map((option) => {
        const found: string[] = [];
        checkType(models, option, value, path, found);
        return found;
      });
      if (attempts.some((found) => found.length === 0)) return;
      problems.push(mismatch(path, type, value));
      return;
    }
    case 'ref': {
      const declaration = models.get(type.name);
      if (declaration === undefined) throw new Error(`unknown model ${type.name}`);
      if (declaration.kind === 'alias') {
        checkType(models, declaration.type, value, path, problems);
      } else if (typeof value !== 'object' || Array.isArray(value)) {
        problems.push(mismatch(path, type, value));
      } else {
        checkObject(models, type.name, declaration.properties, value, path, problems);
      }
      return;
    }
  }
}

function mismatch(path: string, type: ModelType, value: unknown): string {
  return `${path}: expected ${describeType(type)}, got ${describeValue(value)}`;
}

function checkObject(
  models: ModelSet,
  name: string,
  properties: ReadonlyMap<string, ModelProperty>,
  value: object,
  path: string,
  problems: string[],
): void {
  const fields = value as Record<string, unknown>;
  for (const [key, field] of Object.entries(fields)) {
    const fieldPath = `${path}.${key}`;
    const property = properties.get(key);
    if (property === undefined) {
      problems.push(`${fieldPath}: unknown field (not in ${name})`);
    } else if (!(field === null && property.nullable)) {
      checkType(models, property.type, field, fieldPath, problems);
    }
  }
  for (const [key, property] of properties) {
    if (!property.optional && fields[key] === undefined) {
      problems.push(`${path}.${key}: required field missing`);
    }
  }
}

/**
 * Checks a decoded JSON value against model `name`; answers one readable problem per
 * mismatch, prefixed with `path` (e.g. `DescribeUser.Content[0].CustomAttributes[0].Type`).
 */
export function checkModel(models: ModelSet, name: string, value: unknown, path: string): string[] {
  if (!models.has(name)) throw new Error(`unknown model ${name}`);
  const problems: string[] = [];
  checkType(models, { kind: 'ref', name }, value, path, problems);
  return problems;
}

const CIAM_MODELS_FILE = createRequire(import.meta.url).resolve(
  'tencentcloud-sdk-nodejs/tencentcloud/services/ciam/v20220331/ciam_models.d.ts',
);
let ciamModelSet: ModelSet | undefined;

/** The CIAM 2022-03-31 models of the installed SDK, read once. */
export function ciamModels(): ModelSet {
  ciamModelSet ??= parseModelDeclarations(readFileSync(CIAM_MODELS_FILE, 'utf8'), CIAM_MODELS_FILE);
  return ciamModelSet;
}

/** Checks what the SDK resolves for `action` against `<action>Response`. */
export function checkCiamResponse(action: string, response: unknown): string[] {
  return checkModel(ciamModels(), `${action}Response`, response, action);
}
