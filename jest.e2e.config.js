/**
 * `npm run test:e2e`: the packed package inside real n8n processes, one describe block per n8n
 * version (N8N_VERSIONS, default 2.40.7,1.123.81). Its files are *.e2e.ts, which the fast `npm test`
 * (*.test.ts) never matches. The global setup builds, packs and installs each n8n into .cache/
 * (about 6 minutes per version on a fresh machine, seconds once cached).
 */
const base = require('./jest.config');

module.exports = {
	...base,
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.ts'],
	globalSetup: '<rootDir>/test/e2e/global-setup.ts',
	// n8n processes are heavy on 2 cores: one version at a time.
	maxWorkers: 1,
	// A hang guard: single checks take seconds, `n8n execute` about 5 s, `n8n start` about 10 s.
	testTimeout: 5 * 60 * 1000,
};
