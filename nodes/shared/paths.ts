/**
 * URL path segments from user values. URL parsers (WHATWG's, which Node and n8n use) read the
 * segments ".", "..", and their percent-encoded forms ("%2E", "%2e.", "%2E%2E" …) as "this folder"
 * and "parent folder": `/contacts/find_by_external_id/..` becomes `/contacts/`. Such a value is
 * refused before any request; everything else is percent-encoded.
 */

/** Percent-decoding rounds: a proxy or a server may decode once more than the URL parser does. */
const DECODE_ROUNDS = 3;

function decodeOnce(value: string): string {
	try {
		return decodeURIComponent(value);
	} catch {
		// A stray "%" that is no escape: decode only the escapes of "." and "%".
		return value.replace(/%2e/gi, '.').replace(/%25/g, '%');
	}
}

/** The dot segment the value is read as once decoded (up to three times), if any. */
function dotSegmentOf(value: string): '.' | '..' | undefined {
	let decoded = value;
	for (let round = 0; round <= DECODE_ROUNDS; round++) {
		if (decoded === '.' || decoded === '..') return decoded;
		const next = decodeOnce(decoded);
		if (next === decoded) return undefined;
		decoded = next;
	}
	return undefined;
}

/** Whether a URL would read the value as the path segment "." or "..", even percent-encoded. */
export function isDotSegment(value: string): boolean {
	return dotSegmentOf(value) !== undefined;
}

/** Why the value cannot be a path segment, for messages: undefined when it can. */
export function dotSegmentProblem(value: string): string | undefined {
	const segment = dotSegmentOf(value);
	if (!segment) return undefined;
	const meaning = segment === '.' ? 'this folder' : 'the parent folder';
	return `is "${value.slice(0, 40)}", which a URL reads as "${segment}" (${meaning}), so the request would go to another address; enter the real value`;
}

/** A path segment the request builder was given although no check refused it (a value from an answer). */
export class PathSegmentError extends Error {}

/**
 * One path segment: the value percent-encoded (and its dots too with `escapeDots`, for servers
 * such as Rails that read a dot as the start of a format). A dot segment throws PathSegmentError.
 */
export function pathSegment(
	value: string | number,
	what: string,
	options: { escapeDots?: boolean } = {},
): string {
	const text = String(value);
	const problem = dotSegmentProblem(text);
	if (problem) throw new PathSegmentError(`${what} ${problem}`);
	const encoded = encodeURIComponent(text);
	return options.escapeDots ? encoded.replace(/\./g, '%2E') : encoded;
}
