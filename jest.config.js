/**
 * Tests run real workflows against the built package in dist/, so `npm test` builds first. The
 * long soak (*.soak.ts) is left out on purpose: `npm run test:soak` runs it (jest.soak.config.js).
 */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }],
	},
	testTimeout: 60000,
	// Jest's default on 2 cores is one worker. The suites mostly wait (retries.test.ts sleeps through
	// ~30 s of backoff), so a second worker runs the others meanwhile: ~70 s down to ~45 s.
	maxWorkers: 2,
};
