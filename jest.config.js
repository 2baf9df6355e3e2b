// Jest runs in native ESM mode (NODE_OPTIONS=--experimental-vm-modules, see package.json):
// NestJS 12 ships ESM only and uses import.meta and dynamic import(), so it is loaded untouched,
// exactly as users load it. @swc/jest strips types from our own TypeScript (tsc checks them in
// `npm run typecheck`); node_modules are never transformed.
/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.e2e-spec.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: {
    '^(\\.{1,2}/.*)\\.js$': '$1',
    // The sample imports the package by name; tests run it against the sources.
    '^nestjs-ciam-errors$': '<rootDir>/lib/index.ts',
    '^nestjs-ciam-errors/testing$': '<rootDir>/lib/testing/index.ts',
    '^nestjs-ciam-errors/client$': '<rootDir>/lib/client/index.ts',
    '^nestjs-ciam-errors/swagger$': '<rootDir>/lib/swagger/index.ts',
  },
  setupFiles: ['<rootDir>/test/setup.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          target: 'es2022',
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
        },
        module: { type: 'es6' },
        sourceMaps: 'inline',
      },
    ],
  },
};
