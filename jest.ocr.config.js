/**
 * `npm run test:ocr`: real recognition in the local server (tesseract.js, pdf.js) and the demo on
 * real files, apart from `npm test` so its minute is spent on the node. Builds first: the demo
 * runs the package in dist/.
 */
const base = require('./jest.config');

module.exports = {
	...base,
	testMatch: ['**/*.ocr.ts'],
};
