import { id, text } from '../../nodes/shared/checks';
import {
	dotSegmentProblem,
	isDotSegment,
	pathSegment,
	PathSegmentError,
} from '../../nodes/shared/paths';

// WHATWG URL parsing (Node's, n8n's) reads these segments as "." or ".." and drops a folder:
// https://api.example/contacts/find/%2E%2E becomes https://api.example/contacts/.
const DOT_SEGMENTS = ['.', '..', '%2E', '%2e', '%2E%2E', '%2e.', '.%2E', '%2e%2E', '%252E%252E'];

describe('one path segment from a user value', () => {
	test.each(DOT_SEGMENTS)('refuses %s, which a URL reads as a dot segment', (value) => {
		expect(isDotSegment(value)).toBe(true);
		expect(() => pathSegment(value, 'External ID')).toThrow(PathSegmentError);
		expect(() => pathSegment(value, 'External ID')).toThrow(`External ID is "${value}"`);
	});

	test('the URL parser really drops those segments (why they are refused)', () => {
		for (const value of DOT_SEGMENTS.slice(0, 8)) {
			const parsed = new URL(`https://api.example/contacts/find/${value}`);
			expect(parsed.pathname).toMatch(/^\/contacts\/(find\/)?$/);
		}
	});

	test.each(['...', '..a', 'a..', 'a.b', '%2E%2E%2E', '%', '%zz', '0', 'ana@example.com'])(
		'keeps %s, encoded',
		(value) => {
			expect(isDotSegment(value)).toBe(false);
			const segment = pathSegment(value, 'External ID');
			expect(decodeURIComponent(segment)).toBe(value);
			expect(new URL(`https://api.example/contacts/${segment}`).pathname).toBe(
				`/contacts/${segment}`,
			);
		},
	);

	test('escapes dots for servers that read them as a format (Chatwoot)', () => {
		expect(pathSegment('ana@example.com', 'Contact', { escapeDots: true })).toBe(
			'ana%40example%2Ecom',
		);
		expect(() => pathSegment('..', 'Contact', { escapeDots: true })).toThrow(PathSegmentError);
	});

	test('says what the segment would mean', () => {
		expect(dotSegmentProblem('%2e.')).toBe(
			'is "%2e.", which a URL reads as ".." (the parent folder), so the request would go to another address; enter the real value',
		);
		expect(dotSegmentProblem('.')).toContain('reads as "." (this folder)');
		expect(dotSegmentProblem('x')).toBeUndefined();
	});

	test('the field checks refuse them before any request', () => {
		expect(() => text({ pathSegment: true })('%2E%2E')).toThrow('which a URL reads as ".."');
		expect(text({ pathSegment: true })('a.b')).toBe('a.b');
		expect(text()('..')).toBe('..');
		expect(() => id()('..')).toThrow('an ID has only letters');
	});
});
