const os = require('node:os');

/** @type {import('jest').Config} */
module.exports = {
	// Jest's default (cores - 1) runs a 2-core machine in band; suites wait on sockets and timeouts, so two workers overlap them.
	maxWorkers: Math.max(2, os.availableParallelism() - 1),
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	setupFiles: ['<rootDir>/test/setup.ts'],
	setupFilesAfterEnv: ['<rootDir>/test/setup-after-env.ts'],
	// Types are checked once by `npm run typecheck` (CI runs it); jest only transpiles, file by file
	// (tsconfig.jest.json sets isolatedModules, which makes ts-jest transpile only).
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.jest.json' }] },
	testTimeout: 30000,
};
