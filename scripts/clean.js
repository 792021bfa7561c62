// Removes build output so a renamed or deleted source file never lingers in dist/.
require('fs').rmSync(require('path').join(__dirname, '..', 'dist'), {
	recursive: true,
	force: true,
});
