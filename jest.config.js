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
	// Jest's default on 2 cores is one worker. The suites wait in part (1 s timeouts, retry backoff
	// and Retry-After, the local server), so more workers than cores overlap the waits with the
	// others' CPU: measured on this 2-core machine, 33 s with four against 38 s with three; five
	// gave 29 to 35 s, with more memory and more spread.
	maxWorkers: 4,
};
