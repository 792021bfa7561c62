import './env';

import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import { BinaryDataConfig, BinaryDataService, InstanceSettings } from 'n8n-core';
// Not re-exported by n8n-core's index; the deep path is the same module its helpers use.
import { SSHClientsManager } from 'n8n-core/dist/execution-engine/ssh-clients-manager';

/**
 * 'default' keeps binary data inline as base64 (n8n's default); 'filesystem' stores it on disk and
 * leaves only an id in the item, so a node that bypasses the binary helpers breaks there.
 */
export type BinaryMode = 'default' | 'filesystem';

let ready: Promise<void> | undefined;

let defaultBinaryMode: BinaryMode = 'default';

/**
 * Builds the engine's singletons once (per test file: jest gives each file its own module
 * registry). Everything comes from the one @n8n/di Container that n8n-core also uses.
 */
export async function setupEngine(): Promise<void> {
	ready ??= (async () => {
		// The root logger also wires n8n-workflow's LoggerProxy; N8N_LOG_LEVEL=silent mutes both.
		Container.get(Logger);
		Container.get(InstanceSettings);
		releaseSshCleanupTimer();
		// The filesystem manager is always initialised, so ids from either mode stay readable.
		await Container.get(BinaryDataService).init();
	})();
	await ready;
}

/** Sets the binary mode used by runs that don't choose one (e.g. for a whole test file). */
export function setDefaultBinaryMode(mode: BinaryMode): void {
	defaultBinaryMode = mode;
}

export function getDefaultBinaryMode(): BinaryMode {
	return defaultBinaryMode;
}

/** Switches the engine's binary mode; n8n-core reads it on every store. */
export async function useBinaryMode(mode: BinaryMode): Promise<void> {
	await setupEngine();
	const config = Container.get(BinaryDataConfig);
	if (config.mode === mode) return;
	config.mode = mode;
	// init() re-reads config.mode ('filesystem' becomes n8n's 'filesystem-v2' manager).
	await Container.get(BinaryDataService).init();
}

export function getBinaryDataService(): BinaryDataService {
	return Container.get(BinaryDataService);
}

/**
 * n8n-core's SSH client manager (built for every trigger or credential-test context) starts a
 * 60s cleanup interval that would keep jest from exiting; unref'd, it still runs but never holds
 * the process open.
 */
function releaseSshCleanupTimer(): void {
	const timer = (Container.get(SSHClientsManager) as unknown as { cleanupTimer: NodeJS.Timeout })
		.cleanupTimer;
	timer.unref();
}
