import { randomBytes } from 'node:crypto';

/** A file part of a multipart/form-data body. */
export interface MultipartFile {
	data: Buffer;
	fileName: string;
	mimeType: string;
}

/** The parts of a multipart/form-data body, in order: text fields and files, names may repeat ("attachments[]"). */
export type MultipartParts = Array<[name: string, value: string | MultipartFile]>;

/** Quotes and line breaks escaped in a part's name or file name, as browsers do (WHATWG). */
function escapeQuoted(value: string): string {
	return value.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A multipart/form-data body (RFC 7578) and its Content-Type with the boundary. */
export function encodeMultipart(
	parts: MultipartParts,
	boundary = `----n8nFormBoundary${randomBytes(12).toString('hex')}`,
): { body: Buffer; contentType: string } {
	const chunks: Buffer[] = [];
	for (const [name, value] of parts) {
		let head = `--${boundary}\r\nContent-Disposition: form-data; name="${escapeQuoted(name)}"`;
		if (typeof value === 'string') {
			chunks.push(Buffer.from(`${head}\r\n\r\n`, 'utf8'), Buffer.from(value, 'utf8'));
		} else {
			head += `; filename="${escapeQuoted(value.fileName)}"\r\nContent-Type: ${value.mimeType}`;
			chunks.push(Buffer.from(`${head}\r\n\r\n`, 'utf8'), value.data);
		}
		chunks.push(Buffer.from('\r\n', 'utf8'));
	}
	chunks.push(Buffer.from(`--${boundary}--\r\n`, 'utf8'));
	return {
		body: Buffer.concat(chunks),
		contentType: `multipart/form-data; boundary=${boundary}`,
	};
}
