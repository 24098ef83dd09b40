import type { IExecuteFunctions, INode, INodeProperties, NodeOperationError } from 'n8n-workflow';

import {
	dateTime,
	email,
	id,
	integer,
	jsonObject,
	oneOf,
	text,
	url,
	urlList,
} from '../../nodes/shared/checks';
import { buildBody, isShown, readFields, setPath } from '../../nodes/shared/fields';
import { asObject } from '../../nodes/shared/objects';
import { rateLimitReset } from '../../nodes/shared/transport';
import { clampOption, OPTION_RANGES } from '../../nodes/shared/runner';
import { bodyExcerpt, failedAfterCreation, itemError } from '../../nodes/shared/errors';
import type { Field } from '../../nodes/shared/types';

describe('checks', () => {
	test('text trims, leaves optional empties out and names what it got', () => {
		expect(text()(' a ')).toBe('a');
		expect(text()('  ')).toBeUndefined();
		expect(() => text({ required: true })('')).toThrow('is required but is empty');
		// A number from an expression (an order number as the message) is its text, as in n8n's own nodes.
		expect(text()(42)).toBe('42');
		expect(() => text()(Number.NaN)).toThrow('must be text, but got the number NaN');
		expect(() => text()('ab\u0000c')).toThrow(
			'contains the control character U+0000 at position 3',
		);
		expect(() => text()('bell\u0007')).toThrow('U+0007 at position 5');
		expect(() => text()('esc\u001b[0m')).toThrow('U+001B');
		expect(() => text()('del\u007f')).toThrow('U+007F');
		expect(text()('line 1\r\nline 2\tend')).toBe('line 1\r\nline 2\tend');
		expect(() => text()(null)).toThrow('got null');
		expect(() => text()([1])).toThrow('got a list');
		expect(() => text({ maxLength: 3 })('abcd')).toThrow('is 4 characters long; the limit is 3');
		expect(() => text({ noHtml: true })('Hi <a href="x">there</a>')).toThrow('contains HTML');
		expect(text({ noHtml: true })('1 < 2 and 3 > 2')).toBe('1 < 2 and 3 > 2');
	});

	test('email, url, url lists, ids', () => {
		expect(email()('ana@example.com')).toBe('ana@example.com');
		for (const bad of ['ana', 'ana@', '@x.com', 'a b@x.com', 'ana@example'])
			expect(() => email()(bad)).toThrow('not a valid e-mail');
		expect(url()('https://example.com/x')).toBe('https://example.com/x');
		expect(() => url()('javascript:alert(1)')).toThrow('must start with http');
		expect(() => url()('not a url')).toThrow('not a valid URL');
		expect(urlList({ max: 2 })('https://a.co/1, https://a.co/2')).toEqual([
			'https://a.co/1',
			'https://a.co/2',
		]);
		expect(() =>
			urlList({ max: 2 })(['https://a.co/1', 'https://a.co/2', 'https://a.co/3']),
		).toThrow('has 3 URLs; the limit is 2');
		expect(() => urlList({ max: 2 })({})).toThrow('got an object');
		expect(id()(123)).toBe('123');
		expect(() => id()('../admin')).toThrow('an ID has only letters');
	});

	test('oneOf, integer, dateTime, jsonObject', () => {
		expect(oneOf(['a', 'b'])('a')).toBe('a');
		expect(() => oneOf(['a', 'b'])('c')).toThrow('must be one of "a", "b", but got "c"');
		expect(integer()('12')).toBe(12);
		expect(() => integer()('1.5')).toThrow('whole number');
		expect(() => integer({ min: 1 })(0)).toThrow('at least 1');
		expect(dateTime()('2026-01-01T00:00:00Z')).toEqual(new Date('2026-01-01T00:00:00Z'));
		expect(() => dateTime()('yesterday')).toThrow('must be a date and time');
		expect(() =>
			dateTime({ maxFutureMs: 30_000 })(new Date(Date.now() + 60_000).toISOString()),
		).toThrow('more than 30 seconds in the future');
		expect(jsonObject()('{"plan":"pro"}')).toEqual({ plan: 'pro' });
		expect(() => jsonObject()('{plan')).toThrow('not valid JSON');
		expect(() => jsonObject()('[1]')).toThrow('must be a JSON object');
	});
});

describe('request building', () => {
	test("setPath and buildBody follow the fields' send paths, collections included", () => {
		const target = {};
		setPath(target, 'from.id', 'x');
		expect(target).toEqual({ from: { id: 'x' } });
		const fields: Field[] = [
			{ property: { displayName: 'A', name: 'a', type: 'string', default: '' }, send: 'a' },
			{ property: { displayName: 'Local', name: 'local', type: 'string', default: '' } },
			{
				property: { displayName: 'More', name: 'more', type: 'collection', default: {} },
				fields: [
					{
						property: { displayName: 'B', name: 'b', type: 'string', default: '' },
						send: 'nested.b',
					},
				],
			},
		];
		expect(buildBody(fields, { a: 1, local: 'no', more: { b: 'yes' } })).toEqual({
			a: 1,
			nested: { b: 'yes' },
		});
	});
});

describe('rate limit resets', () => {
	const now = Date.parse('2026-11-21T12:00:00Z');
	test('Retry-After in seconds and as an HTTP date: not before then, within the rounded second', () => {
		expect(rateLimitReset({ 'retry-after': '3' }, now)).toEqual({
			fromMs: now + 3000,
			toMs: now + 4000,
		});
		expect(rateLimitReset({ 'retry-after': '0.25' }, now)).toEqual({
			fromMs: now + 250,
			toMs: now + 250,
		});
		expect(rateLimitReset({ 'retry-after': 'Sat, 21 Nov 2026 12:00:05 GMT' }, now)).toEqual({
			fromMs: now + 5000,
			toMs: now + 6000,
		});
	});
	test('X-RateLimit-Reset in whole epoch seconds may be rounded either way; milliseconds are exact', () => {
		expect(rateLimitReset({ 'x-ratelimit-reset': String(now / 1000 + 7) }, now)).toEqual({
			fromMs: now + 6000,
			toMs: now + 8000,
		});
		expect(rateLimitReset({ 'x-ratelimit-reset': String(now + 7000) }, now)).toEqual({
			fromMs: now + 7000,
			toMs: now + 7000,
		});
	});
	test('X-RateLimit-Reset as seconds from now (below 1e9) is a wait, not a date in 1970', () => {
		expect(rateLimitReset({ 'x-ratelimit-reset': '7' }, now)).toEqual({
			fromMs: now + 6000,
			toMs: now + 8000,
		});
		expect(rateLimitReset({ 'x-ratelimit-reset': '60' }, now)?.toMs).toBe(now + 61_000);
	});
	test('no reset without the headers (Rack::Attack sends none)', () => {
		expect(rateLimitReset({}, now)).toBeUndefined();
		expect(rateLimitReset({ 'retry-after': '' }, now)).toBeUndefined();
		expect(rateLimitReset({ 'x-ratelimit-reset': '0' }, now)).toBeUndefined();
	});
});

test('error bodies are shortened and HTML pages named, not dumped', () => {
	expect(bodyExcerpt('<!DOCTYPE html><html><body>502</body></html>')).toBe(
		'an HTML page instead of JSON',
	);
	expect(bodyExcerpt('x'.repeat(400))).toHaveLength(301);
	expect(bodyExcerpt(undefined)).toBe('');
});

describe('options from expressions', () => {
	test('are clamped to their ranges; what is not a number gives the default', () => {
		expect(clampOption(0, OPTION_RANGES.timeoutMs, 30_000)).toBe(1_000);
		expect(clampOption(10_000_000, OPTION_RANGES.timeoutMs, 30_000)).toBe(600_000);
		expect(clampOption(1e9, OPTION_RANGES.maxRateLimitRetries, 8)).toBe(50);
		expect(clampOption(-3, OPTION_RANGES.maxRateLimitRetries, 8)).toBe(0);
		expect(clampOption(0, OPTION_RANGES.concurrency, 10)).toBe(1);
		expect(clampOption('25', OPTION_RANGES.concurrency, 10)).toBe(25);
		expect(clampOption('many', OPTION_RANGES.concurrency, 10)).toBe(10);
		expect(clampOption(undefined, OPTION_RANGES.concurrency, 10)).toBe(10);
		expect(clampOption(Number.POSITIVE_INFINITY, OPTION_RANGES.timeoutMs, 30_000)).toBe(30_000);
	});
});

describe('displayOptions as n8n reads them', () => {
	const property = (displayOptions: INodeProperties['displayOptions']): INodeProperties => ({
		displayName: 'X',
		name: 'x',
		type: 'string',
		default: '',
		displayOptions,
	});

	test('show and hide, resource and operation left to the node', () => {
		const shown = property({
			show: { mode: ['a', 'b'], resource: ['other'] },
			hide: { kind: ['bot'] },
		});
		expect(isShown(shown, { mode: 'a' })).toBe(true);
		expect(isShown(shown, { mode: 'c' })).toBe(false);
		expect(isShown(shown, { mode: 'b', kind: 'bot' })).toBe(false);
	});

	test('condition objects (_cnd)', () => {
		expect(isShown(property({ show: { count: [{ _cnd: { gte: 2 } }] } }), { count: 3 })).toBe(true);
		expect(
			isShown(property({ show: { count: [{ _cnd: { between: { from: 1, to: 2 } } }] } }), {
				count: 3,
			}),
		).toBe(false);
		expect(
			isShown(property({ show: { name: [{ _cnd: { startsWith: 'ab' } }] } }), { name: 'abc' }),
		).toBe(true);
		expect(isShown(property({ hide: { name: [{ _cnd: { exists: true } }] } }), { name: '' })).toBe(
			true,
		);
		expect(isShown(property({ show: { '/mode': [{ _cnd: { not: 'x' } }] } }), { mode: 'y' })).toBe(
			true,
		);
	});
});

describe('readFields: fixedCollection entries', () => {
	const kind: Field = {
		property: {
			displayName: 'Kind',
			name: 'kind',
			type: 'options',
			options: [
				{ name: 'A', value: 'a' },
				{ name: 'B', value: 'b' },
			],
			default: 'a',
		},
		check: oneOf(['a', 'b']),
	};
	const onlyA: Field = {
		property: {
			displayName: 'Only A',
			name: 'onlyA',
			type: 'string',
			default: '',
			displayOptions: { show: { kind: ['a'] } },
		},
		check: text({ required: true }),
	};
	const list = (required: boolean): Field => ({
		property: {
			displayName: 'Rows',
			name: 'rows',
			type: 'fixedCollection',
			default: {},
			required,
			options: [],
		},
		entries: { name: 'row', summary: 'Kind …', fields: [kind, onlyA] },
	});
	const read = (field: Field, rows: unknown) =>
		readFields(
			{
				getNode: () => ({ name: 'Node' }) as INode,
				getNodeParameter: () => rows,
			} as unknown as IExecuteFunctions,
			[field],
			4,
		);

	test('each entry is checked with its own values shown, a missing value read as the default', () => {
		expect(read(list(true), { row: [{ onlyA: ' x ' }, { kind: 'b', onlyA: '' }] })).toEqual({
			rows: [{ kind: 'a', onlyA: 'x' }, { kind: 'b' }],
		});
		expect(read(list(false), {})).toEqual({ rows: [] });
	});

	test('errors name the entry; the description names the parameter', () => {
		expect(() => read(list(true), { row: [] })).toThrow('Rows needs at least one row [item 4]');
		expect(() => read(list(true), { row: 'x' })).toThrow('Rows must be a list of rows [item 4]');
		expect(() => read(list(true), { row: [{ kind: 'b' }, 3] })).toThrow(
			'Rows › row 2 must be a set of fields (Kind …) [item 4]',
		);
		let error: NodeOperationError | undefined;
		try {
			read(list(true), { row: [{ kind: 'b' }, { kind: 'a' }] });
		} catch (caught) {
			error = caught as NodeOperationError;
		}
		expect(error?.message).toBe('Rows › row 2 › Only A is required but is empty [item 4]');
		expect(error?.description).toContain('Fix the "Rows" parameter');
	});
});

describe('shared helpers', () => {
	test('asObject gives {} for anything but a plain object', () => {
		expect(asObject({ a: 1 })).toEqual({ a: 1 });
		expect([asObject(null), asObject([1]), asObject('x'), asObject(undefined)]).toEqual([
			{},
			{},
			{},
			{},
		]);
	});

	test('itemError names the item; failedAfterCreation puts the note first', () => {
		const context = { node: { name: 'Node' } as INode, itemIndex: 2 };
		const error = itemError(context, 'Something is off', 'Fix it.');
		expect(error.message).toBe('Something is off [item 2]');
		expect(error.description).toBe('Fix it.');
		expect(failedAfterCreation(context, error, 'X was created.').description).toBe(
			'X was created. Fix it.',
		);
		expect(failedAfterCreation(context, new Error('boom'), 'X was created.').description).toBe(
			'X was created.',
		);
	});
});
