import './env';

import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import type { IEncryptionKeyProvider, KeyInfo } from 'n8n-core';
import {
	BinaryDataConfig,
	BinaryDataService,
	Cipher,
	EncryptionKeyProxy,
	InstanceSettings,
} from 'n8n-core';

import { HarnessDatabaseManager } from './database-binary-manager';

/**
 * Where n8n keeps binary data. n8n 2.x stores it by default: 'filesystem' on disk (the default of
 * a regular instance, ids 'filesystem-v2:...'), 'database' in the database's binary_data table
 * (the default in queue mode, ids 'database:...'). Either way only an id is in the item, so a
 * node that bypasses the binary helpers breaks there. 'default' keeps it inline as base64: n8n 2.40
 * still runs it when N8N_DEFAULT_BINARY_DATA_MODE=default, but deprecated (to be removed in v3).
 */
export type BinaryMode = 'filesystem' | 'database' | 'default';

let ready: Promise<void> | undefined;

/** What n8n 2.x uses when N8N_DEFAULT_BINARY_DATA_MODE is unset, on a regular instance. */
let defaultBinaryMode: BinaryMode = 'filesystem';

/**
 * Builds the engine's singletons once (per test file: jest gives each file its own module
 * registry). Everything comes from the one @n8n/di Container that n8n-core also uses.
 */
export async function setupEngine(): Promise<void> {
	ready ??= (async () => {
		// The root logger also wires n8n-workflow's LoggerProxy; N8N_LOG_LEVEL=silent mutes both.
		Container.get(Logger);
		const instanceSettings = Container.get(InstanceSettings);
		// Credentials encrypt through this proxy since n8n 2.x; the CLI gives it its key manager.
		Container.get(EncryptionKeyProxy).setProvider(
			new InstanceKeyProvider(Container.get(Cipher), instanceSettings),
		);
		const service = Container.get(BinaryDataService);
		// As the CLI's initBinaryDataService: the database manager is registered whatever the mode,
		// so ids from every mode stay readable; init() then sets up the filesystem manager.
		service.setManager('database', new HarnessDatabaseManager(Container.get(BinaryDataConfig)));
		await service.init();
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
 * The CLI's KeyManagerService (2.40) as a fresh instance runs it: key rotation off (its default,
 * N8N_ENV_FEAT_ENCRYPTION_KEY_ROTATION unset), so every credential is encrypted with the instance
 * key, unprefixed, and the deployment_key table holds no other key (no database here).
 */
class InstanceKeyProvider implements IEncryptionKeyProvider {
	private instanceKey?: KeyInfo;

	constructor(
		private readonly cipher: Cipher,
		private readonly instanceSettings: InstanceSettings,
	) {}

	async getActiveKey(): Promise<KeyInfo> {
		return this.instanceKeyLegacyInfo();
	}

	async getKeyById(): Promise<KeyInfo | null> {
		return null;
	}

	async getLegacyKey(): Promise<KeyInfo> {
		return this.instanceKeyLegacyInfo();
	}

	private instanceKeyLegacyInfo(): KeyInfo {
		this.instanceKey ??= {
			id: 'instance-key',
			value: this.cipher.encryptDEKWithInstanceKey(this.instanceSettings.encryptionKey),
			algorithm: 'aes-256-cbc',
			format: 'no-prefix',
		};
		return this.instanceKey;
	}
}
