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

/**
 * 'default' keeps binary data inline as base64 (n8n 1.x's default); 'filesystem' stores it on disk
 * and leaves only an id in the item, so a node that bypasses the binary helpers breaks there.
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
		const instanceSettings = Container.get(InstanceSettings);
		// Credentials encrypt through this proxy since n8n 2.x; the CLI gives it its key manager.
		Container.get(EncryptionKeyProxy).setProvider(
			new InstanceKeyProvider(Container.get(Cipher), instanceSettings),
		);
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
