import nock from 'nock';
import type { NodeParameterValueType } from 'n8n-workflow';

import { runNode } from '../harness/engine';
import { runListSearch } from '../harness/lists';

// The "From list" pickers of the Intercom node, run as the editor runs them (n8n-core's
// LoadOptionsContext), and the picked value in a run.

const API = 'https://api.intercom.io';
const credentials = {
	intercomConversationsApi: {
		accessToken: 'secret-intercom-token',
		region: 'https://api.intercom.io',
		baseUrl: '',
		apiVersion: '2.14',
		workspaceId: 'abc123de',
	},
};
const headers = { authorization: 'Bearer secret-intercom-token', 'intercom-version': '2.14' };
const admins = {
	type: 'admin.list',
	admins: [
		{ type: 'admin', id: '814860', name: 'Zoe Support', email: 'zoe@example.com' },
		{ type: 'admin', id: '991267459', name: 'Ana Admin', email: 'ana@example.com' },
	],
};

afterEach(() => nock.cleanAll());

describe('Admin: From list (GET /admins)', () => {
	const search = (filter?: string) =>
		runListSearch({ type: 'intercom', method: 'searchAdmins', credentials, filter });

	test('lists every admin by name and e-mail, sorted, with the ID as value', async () => {
		const scope = nock(API, { reqheaders: headers }).get('/admins').reply(200, admins);
		expect(await search()).toEqual({
			results: [
				{ name: 'Ana Admin (ana@example.com)', value: '991267459' },
				{ name: 'Zoe Support (zoe@example.com)', value: '814860' },
			],
		});
		scope.done();
	});

	test('the search text keeps the admins whose name or e-mail contains it', async () => {
		nock(API).get('/admins').reply(200, admins);
		expect((await search('zoe')).results).toEqual([
			{ name: 'Zoe Support (zoe@example.com)', value: '814860' },
		]);
	});

	test('an empty workspace is an empty list', async () => {
		nock(API).get('/admins').reply(200, { type: 'admin.list', admins: [] });
		expect(await search()).toEqual({ results: [] });
	});

	test('a wrong token is one line naming the credential field to fix', async () => {
		nock(API)
			.get('/admins')
			.reply(401, {
				type: 'error.list',
				errors: [{ code: 'unauthorized', message: 'Access Token Invalid' }],
			});
		await expect(search()).rejects.toThrow(
			/^Intercom .*401.*\. Check the Access Token of the Intercom Conversations credential/,
		);
	});

	test('a 429 is waited out (Retry-After), then the list comes', async () => {
		const scope = nock(API)
			.get('/admins')
			.reply(
				429,
				{ type: 'error.list', errors: [{ code: 'rate_limit_exceeded' }] },
				{ 'Retry-After': '1' },
			)
			.get('/admins')
			.reply(200, admins);
		expect((await search()).results).toHaveLength(2);
		scope.done();
	});

	test('a redirect is refused, not followed', async () => {
		nock(API).get('/admins').reply(301, '', { Location: 'https://elsewhere.example.com/admins' });
		await expect(search()).rejects.toThrow(/redirect to https:\/\/elsewhere\.example\.com/);
	});
});

describe('Admin in a run: the picked, typed or pasted value', () => {
	const close = (adminId: NodeParameterValueType) =>
		runNode({
			type: 'intercom',
			parameters: { resource: 'conversation', operation: 'close', conversationId: '123', adminId },
			credentials,
		});

	test.each([
		['From list', { __rl: true, mode: 'list', value: '814860', cachedResultName: 'Zoe Support' }],
		['By ID', { __rl: true, mode: 'id', value: '814860' }],
		['a plain value (an expression)', '814860'],
	])('%s sends the admin ID', async (_mode, adminId) => {
		const scope = nock(API)
			.post(
				'/conversations/123/parts',
				(body) => body.admin_id === '814860' && body.message_type === 'close',
			)
			.reply(200, { type: 'conversation', id: '123', state: 'closed' });
		const { error } = await close(adminId);
		expect(error).toBeUndefined();
		scope.done();
	});

	test('an empty pick means the token owner (GET /me)', async () => {
		const scope = nock(API)
			.get('/me')
			.reply(200, { type: 'admin', id: '991267459' })
			.post('/conversations/123/parts', (body) => body.admin_id === '991267459')
			.reply(200, { type: 'conversation', id: '123', state: 'closed' });
		const { error } = await close({ __rl: true, mode: 'list', value: '' });
		expect(error).toBeUndefined();
		scope.done();
	});

	test('a bad ID typed By ID names the field and the item before any request', async () => {
		const { error } = await close({ __rl: true, mode: 'id', value: '1/2' });
		expect(error?.message).toBe(
			'Admin "1/2" is not valid: an ID has only letters, digits, "-", "_" and ":" [item 0]',
		);
	});
});
