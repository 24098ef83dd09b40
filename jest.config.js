/** @type {import('jest').Config} */
module.exports = {
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
