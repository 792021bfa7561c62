import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';

import { binaryToBuffer } from '@n8n/backend-network';
import type { BinaryData, BinaryDataConfig } from 'n8n-core';
import {
	BinaryDataFileNotFoundError,
	FileTooLargeError,
	InvalidSourceTypeError,
	MissingSourceIdError,
	TEMP_EXECUTION_ID,
} from 'n8n-core';
import { UnexpectedError } from 'n8n-workflow';

// @n8n/db's SourceTypeSchema (1.40.4, the version n8n 2.40.7 pins).
const SOURCE_TYPES = [
	'execution',
	'chat_message_attachment',
	'agent_file',
	'agent_chat_attachment',
];

/** A row of n8n's binary_data table (@n8n/db's BinaryDataFile, without the timestamps). */
interface BinaryDataRow {
	fileId: string;
	sourceType: string;
	sourceId: string;
	data: Buffer;
	mimeType: string | null;
	fileName: string | null;
	fileSize: number;
}

/**
 * n8n's CLI DatabaseManager (2.40), the manager of the 'database' binary mode, minus the database:
 * n8n-core's BinaryDataService takes it through setManager() as the CLI does, and the rows of the
 * binary_data table are kept in a Map instead of SQLite or Postgres. Everything else (ids, size
 * limit, source checks, errors) is the CLI's code.
 */
export class HarnessDatabaseManager implements BinaryData.Manager {
	private readonly table = new Map<string, BinaryDataRow>();

	constructor(private readonly config: BinaryDataConfig) {}

	async init(): Promise<void> {}

	async store(
		location: BinaryData.FileLocation,
		bufferOrStream: Buffer | Readable,
		metadata: BinaryData.PreWriteMetadata,
	): Promise<BinaryData.WriteResult> {
		const buffer = await binaryToBuffer(bufferOrStream);
		return this.insert(location, buffer, metadata);
	}

	getPath(fileId: string): string {
		return `database://${fileId}`;
	}

	async getAsBuffer(fileId: string): Promise<Buffer> {
		return Buffer.from(this.findOneOrFail(fileId).data);
	}

	async getAsStream(fileId: string): Promise<Readable> {
		const buffer = await this.getAsBuffer(fileId);
		return Readable.from(buffer);
	}

	async getMetadata(fileId: string): Promise<BinaryData.Metadata> {
		const file = this.findOneOrFail(fileId);
		return {
			fileName: file.fileName ?? undefined,
			mimeType: file.mimeType ?? undefined,
			fileSize: file.fileSize,
		};
	}

	async deleteMany(locations: BinaryData.FileLocation[]): Promise<void> {
		const executionIds = locations.flatMap((location) =>
			location.type === 'execution' ? [location.executionId] : [],
		);
		for (const [fileId, row] of this.table) {
			if (row.sourceType === 'execution' && executionIds.includes(row.sourceId)) {
				this.table.delete(fileId);
			}
		}
	}

	async deleteManyByFileId(ids: string[]): Promise<void> {
		for (const id of ids) this.table.delete(id);
	}

	async copyByFileId(
		targetLocation: BinaryData.FileLocation,
		sourceFileId: string,
	): Promise<string> {
		const targetFileId = randomUUID();
		const { sourceType, sourceId } = this.toSource(targetLocation);
		// The repository's copyStoredFile: INSERT ... SELECT, then whether the new row exists.
		const source = this.table.get(sourceFileId);
		if (source) {
			this.table.set(targetFileId, { ...source, fileId: targetFileId, sourceType, sourceId });
		}
		if (!this.table.has(targetFileId)) throw new BinaryDataFileNotFoundError(sourceFileId);
		return targetFileId;
	}

	async copyByFilePath(
		targetLocation: BinaryData.FileLocation,
		sourcePath: string,
		metadata: BinaryData.PreWriteMetadata,
	): Promise<BinaryData.WriteResult> {
		return this.insert(targetLocation, await readFile(sourcePath), metadata);
	}

	async rename(oldFileId: string, newFileId: string): Promise<void> {
		const row = this.table.get(oldFileId);
		if (!row) throw new BinaryDataFileNotFoundError(oldFileId);
		this.table.delete(oldFileId);
		this.table.set(newFileId, { ...row, fileId: newFileId });
	}

	/** store() and copyByFilePath() after reading the bytes: the size check, then the insert. */
	private insert(
		location: BinaryData.FileLocation,
		buffer: Buffer,
		metadata: BinaryData.PreWriteMetadata,
	): BinaryData.WriteResult {
		const fileSizeBytes = buffer.length;
		const fileSizeMb = fileSizeBytes / (1024 * 1024);
		const fileId = randomUUID();
		if (fileSizeMb > this.config.dbMaxFileSize) {
			throw new FileTooLargeError({
				fileSizeMb,
				maxFileSizeMb: this.config.dbMaxFileSize,
				fileId,
				fileName: metadata.fileName,
			});
		}
		const { sourceType, sourceId } = this.toSource(location);
		this.table.set(fileId, {
			fileId,
			sourceType,
			sourceId,
			// A database hands back its own copy, never the caller's buffer.
			data: Buffer.from(buffer),
			mimeType: metadata.mimeType ?? null,
			fileName: metadata.fileName ?? null,
			fileSize: fileSizeBytes,
		});
		return { fileId, fileSize: fileSizeBytes };
	}

	/** TypeORM's findOneOrFail, with the message of its EntityNotFoundError. */
	private findOneOrFail(fileId: string): BinaryDataRow {
		const row = this.table.get(fileId);
		if (!row) {
			const matching = JSON.stringify({ fileId });
			throw new UnexpectedError(
				`Could not find any entity of type "BinaryDataFile" matching: ${matching}`,
			);
		}
		return row;
	}

	private toSource(location: BinaryData.FileLocation): { sourceType: string; sourceId: string } {
		if (location.type === 'execution') {
			return { sourceType: 'execution', sourceId: location.executionId || TEMP_EXECUTION_ID };
		}
		if (typeof location.sourceId !== 'string') {
			throw new MissingSourceIdError(location.pathSegments);
		}
		if (!location.sourceType || !SOURCE_TYPES.includes(location.sourceType)) {
			throw new InvalidSourceTypeError(location.sourceType ?? 'unknown');
		}
		return { sourceType: location.sourceType, sourceId: location.sourceId };
	}
}
