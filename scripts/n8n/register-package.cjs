// Records an unpacked community package in n8n's database (the same tables in 1.123 and 2.40), as
// n8n's Community Nodes installer does after a download (CommunityPackagesService): the package is
// loaded with n8n-core's own PackageDirectoryLoader (a package that fails to load or holds no node is
// refused, as n8n refuses it), then saved like saveInstalledPackageWithNodes: one installed_packages
// row (name, version, author) and one installed_nodes row per loaded node (display name,
// `<package>.<node>` type, latest version). Idempotent: the package's rows are replaced.
//
// Usage: node register-package.cjs USER_FOLDER PACKAGE_DIR N8N_NODE_MODULES
'use strict';

const path = require('node:path');
const fs = require('node:fs');

async function main() {
	const [userFolder, packageDir, n8nModules] = process.argv.slice(2);
	if (!userFolder || !packageDir || !n8nModules) {
		throw new Error('usage: register-package.cjs USER_FOLDER PACKAGE_DIR N8N_NODE_MODULES');
	}
	const fromN8n = (name) => require(require.resolve(name, { paths: [n8nModules] }));
	const { PackageDirectoryLoader } = fromN8n('n8n-core');
	const sqlite3 = fromN8n('sqlite3');

	const dbPath = path.join(userFolder, '.n8n', 'database.sqlite');
	if (!fs.existsSync(dbPath))
		throw new Error(`no n8n database at ${dbPath}: run an n8n command first`);

	const loader = new PackageDirectoryLoader(packageDir);
	await loader.loadAll();
	const { packageJson, nodeTypes, loadedNodes } = loader;
	if (loadedNodes.length === 0) throw new Error(`${packageJson.name} contains no loadable nodes`);

	const rows = loadedNodes.map((loadedNode) => ({
		name: nodeTypes[loadedNode.name].type.description.displayName,
		type: `${packageJson.name}.${loadedNode.name}`,
		latestVersion: loadedNode.version,
	}));

	const db = new sqlite3.Database(dbPath);
	const run = (sql, params = []) =>
		new Promise((resolve, reject) =>
			db.run(sql, params, (error) => (error ? reject(error) : resolve())),
		);
	const now = "STRFTIME('%Y-%m-%d %H:%M:%f', 'NOW')";
	try {
		await run('BEGIN');
		await run('DELETE FROM installed_nodes WHERE package = ?', [packageJson.name]);
		await run('DELETE FROM installed_packages WHERE packageName = ?', [packageJson.name]);
		await run(
			`INSERT INTO installed_packages (packageName, installedVersion, authorName, authorEmail, createdAt, updatedAt) VALUES (?, ?, ?, ?, ${now}, ${now})`,
			[
				packageJson.name,
				packageJson.version,
				packageJson.author?.name ?? null,
				packageJson.author?.email ?? null,
			],
		);
		for (const row of rows) {
			await run(
				'INSERT INTO installed_nodes (name, type, latestVersion, package) VALUES (?, ?, ?, ?)',
				[row.name, row.type, row.latestVersion, packageJson.name],
			);
		}
		await run('COMMIT');
	} catch (error) {
		await run('ROLLBACK').catch(() => {});
		throw error;
	} finally {
		db.close();
	}
	console.log(
		`Registered ${packageJson.name}@${packageJson.version} as an installed community package: ${rows
			.map((row) => row.type)
			.join(', ')}`,
	);
}

main().catch((error) => {
	console.error(`register-package: ${error instanceof Error ? error.message : String(error)}`);
	process.exit(1);
});
