/**
 * `npm run test:soak`: only the long fault-injection soak (*.soak.ts), which `npm test` leaves out
 * (its testMatch is *.test.ts). Builds first like `npm test`: it runs the package in dist/.
 */
const base = require('./jest.config');

module.exports = {
	...base,
	testMatch: ['**/*.soak.ts'],
	// A hang guard, not a performance bound: the soak takes about 75 s; the bench times it.
	testTimeout: 10 * 60 * 1000,
};
