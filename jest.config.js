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
	// Jest's default on 2 cores is one worker. The suites mostly wait (on the local server, on
	// retry backoff), so three workers overlap them: 40 s instead of 49 s (two) or about 70 s (one).
	maxWorkers: 3,
};
