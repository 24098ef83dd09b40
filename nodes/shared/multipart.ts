import { randomBytes } from 'node:crypto';

import { ApplicationError } from 'n8n-workflow';

/** A file part of a multipart/form-data body: described up front, its bytes read only while the body is sent. */
export interface MultipartFile {
	fileName: string;
	mimeType: string;
	/** Bytes (n8n's binary data metadata): the body's Content-Length counts on it. */
	size: number;
	/** The file's bytes from the start, each time it is called (a retry reads them again). */
	read: () => AsyncIterable<Uint8Array>;
}

/** The parts of a multipart/form-data body, in order: text fields and files, names may repeat ("attachments[]"). */
export type MultipartParts = Array<[name: string, value: string | MultipartFile]>;

const OCTET_STREAM = 'application/octet-stream';
/** RFC 6838 restricted-name: a type or a subtype. */
const RESTRICTED_NAME = /^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}$/;
/** RFC 9110 token: a parameter's name or bare value. */
const TOKEN = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;
/** RFC 9110 quoted-string without quoted-pairs: visible ASCII, space and tab, no quote or backslash. */
const QUOTED = /^"[\t !#-[\]-~]*"$/;

/** Spaces and tabs around a piece (optional whitespace), nothing else. */
const trimSpaces = (value: string) => value.replace(/^[ \t]+|[ \t]+$/g, '');

/**
 * The MIME type as a part's Content-Type: `type/subtype` (RFC 6838) with optional `; name=value`
 * parameters, rebuilt from the checked pieces. Anything else (a line break, a quote, no subtype)
 * goes as application/octet-stream, so a MIME type set by an expression cannot add headers or parts.
 */
export function safeMimeType(mimeType: string): string {
	const [essence = '', ...parameters] = mimeType.split(';');
	const [type = '', subtype = '', ...rest] = trimSpaces(essence).split('/');
	if (rest.length > 0 || !RESTRICTED_NAME.test(type) || !RESTRICTED_NAME.test(subtype))
		return OCTET_STREAM;
	const checked: string[] = [`${type}/${subtype}`];
	for (const parameter of parameters) {
		const equals = parameter.indexOf('=');
		const name = trimSpaces(parameter.slice(0, Math.max(equals, 0)));
		const value = trimSpaces(parameter.slice(equals + 1));
		if (equals < 0 || !TOKEN.test(name) || !(TOKEN.test(value) || QUOTED.test(value)))
			return OCTET_STREAM;
		checked.push(`${name}=${value}`);
	}
	return checked.join('; ');
}

/** `char` as %XX. */
const percentEncoded = (char: string) =>
	`%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`;

/** Control characters, and `also`, percent-encoded. */
function percentEscaped(value: string, also: string): string {
	let escaped = '';
	for (const char of value) {
		const code = char.charCodeAt(0);
		escaped += code < 0x20 || code === 0x7f || also.includes(char) ? percentEncoded(char) : char;
	}
	return escaped;
}

/** A part's name: quotes and line breaks escaped as browsers do (WHATWG), other control characters too. */
const escapeName = (name: string) => percentEscaped(name, '"');

/**
 * A file name: as a name, and also `%` and `\`. Rails (Rack) percent-decodes a file name whose
 * every % starts an escape, so with % escaped every name comes back as it was; a backslash
 * before the closing quote would escape it.
 */
const escapeFileName = (fileName: string) => percentEscaped(fileName, '"%\\');

/**
 * A multipart/form-data body (RFC 7578) that reads its files only while it is sent. n8n's HTTP
 * client (axios) sends a Blob, an object tagged "Blob", by reading its stream(), with its size as
 * Content-Length; this body is such a Blob, so a file goes from n8n's binary data to the socket a
 * chunk at a time instead of being held in memory. The part headers are encoded once; every
 * attempt (after a 429) calls stream() again and reads the files again from the start.
 */
export class MultipartBody {
	/** The Content-Type, with the boundary. */
	readonly type: string;
	/** Bytes: the Content-Length. */
	readonly size: number;
	private readonly segments: Array<Buffer | MultipartFile>;

	constructor(
		parts: MultipartParts,
		boundary = `----n8nFormBoundary${randomBytes(12).toString('hex')}`,
	) {
		this.type = `multipart/form-data; boundary=${boundary}`;
		const segments: Array<Buffer | MultipartFile> = [];
		let text = '';
		for (const [name, value] of parts) {
			text += `--${boundary}\r\nContent-Disposition: form-data; name="${escapeName(name)}"`;
			if (typeof value === 'string') {
				text += `\r\n\r\n${value}\r\n`;
				continue;
			}
			text += `; filename="${escapeFileName(value.fileName)}"\r\nContent-Type: ${safeMimeType(value.mimeType)}\r\n\r\n`;
			segments.push(Buffer.from(text, 'utf8'), value);
			text = '\r\n';
		}
		segments.push(Buffer.from(`${text}--${boundary}--\r\n`, 'utf8'));
		this.segments = segments;
		this.size = segments.reduce(
			(total, segment) => total + (Buffer.isBuffer(segment) ? segment.length : segment.size),
			0,
		);
	}

	get [Symbol.toStringTag](): string {
		return 'Blob';
	}

	/** The body's bytes, from the start: the part headers as encoded once, the files as read now. */
	async *stream(): AsyncGenerator<Uint8Array> {
		for (const segment of this.segments) {
			if (Buffer.isBuffer(segment)) {
				yield segment;
				continue;
			}
			let read = 0;
			for await (const chunk of segment.read()) {
				read += chunk.byteLength;
				if (read > segment.size)
					throw new ApplicationError(
						`"${segment.fileName}" gave more than the ${segment.size} bytes its binary data says`,
					);
				yield chunk;
			}
			if (read < segment.size)
				throw new ApplicationError(
					`"${segment.fileName}" gave ${read} bytes, but its binary data says ${segment.size}`,
				);
		}
	}
}
