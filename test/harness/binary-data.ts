import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { BinaryDataService } from 'n8n-core';
import type { IBinaryData } from 'n8n-workflow';

/** n8n-core's own dependency injection container (n8n-core ships its own copy of @n8n/di). */
const { Container } = require(
	require.resolve('@n8n/di', { paths: [path.dirname(require.resolve('n8n-core'))] }),
) as typeof import('@n8n/di');

export interface BinaryDataStore {
	service: BinaryDataService;
	/** Stores a file as a node before this one would: the item's binary data then holds only its ID. */
	store(bytes: Buffer, fileName: string, mimeType: string): Promise<IBinaryData>;
	/** Deletes the stored files. */
	remove(): void;
}

/**
 * n8n's binary data store in filesystem mode (n8n's default since 2.0, in a temporary folder): the
 * engine's helpers (getBinaryStream, getBinaryMetadata, getBinaryDataBuffer) then read the files
 * from it. Without it, binary data stays inline in the items as base64.
 */
export async function useBinaryDataStore(): Promise<BinaryDataStore> {
	const storagePath = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-conversations-binary-'));
	process.env.N8N_DEFAULT_BINARY_DATA_MODE = 'filesystem';
	process.env.N8N_BINARY_DATA_STORAGE_PATH = storagePath;
	const service = Container.get(BinaryDataService);
	await service.init();
	return {
		service,
		store: async (bytes, fileName, mimeType) =>
			await service.store({ type: 'execution', workflowId: 'test', executionId: '1' }, bytes, {
				data: '',
				fileName,
				mimeType,
			}),
		remove: () => fs.rmSync(storagePath, { recursive: true, force: true }),
	};
}
