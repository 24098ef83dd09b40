import nock from 'nock';
import type { NodeParameterValueType } from 'n8n-workflow';

import { runNode } from '../harness/engine';
import { runListSearch } from '../harness/lists';
import * as lp from './mock';

// The Skill picker of the LivePerson node: the Skills API on the account's accountConfigReadOnly
// host (found through the Domain API), run as the editor runs it, and the picked value in a run.

const CONFIG = 'https://va.ac.liveperson.net';
const SKILLS_PATH = `/api/account/${lp.ACCOUNT}/configuration/le-users/skills`;
const known = { appJwt: lp.APP_JWT, idpUrl: lp.IDP, asyncMessagingEntUrl: lp.MESSAGING };
const SKILLS = [
	{ id: 2736637412, name: 'Support', deleted: false },
	{ id: 1001, name: 'Billing', deleted: false },
	{ id: 1002, name: 'Old sales', deleted: true },
];
const NO_PERMISSION =
	/^LivePerson could not list the skills: the credential may not read the account's skills.*\(HTTP 40[13]\)\. Choose By ID and enter the skill's number, or ask your LivePerson account team to let the connector's app installation \(the Client ID of the LivePerson Conversations credential\) read skills with the Skills API\.$/;

afterEach(() => nock.cleanAll());

/** The Skills API as LivePerson's client-credentials guide shows it: the AppJWT as a Bearer token. */
function skills(trace: lp.Trace, status: number, body: unknown, headers = {}, jwt = lp.APP_JWT) {
	return nock(CONFIG, { reqheaders: { authorization: `Bearer ${jwt}` } })
		.get(SKILLS_PATH)
		.query({ v: '2.0' })
		.reply(trace.reply('skills', status, body, headers));
}

const search = (method: string, filter?: string, overrides: Record<string, string> = known) =>
	runListSearch({ type: 'livePerson', method, credentials: lp.credentials(overrides), filter });

describe('Skill: From list (the Skills API)', () => {
	test('the account host from the Domain API, then the skills by name, deleted ones left out', async () => {
		const trace = new lp.Trace();
		lp.lookup(trace, 'accountConfigReadOnly', CONFIG);
		skills(trace, 200, SKILLS);
		expect(await search('searchSkills')).toEqual({
			results: [
				{ name: 'Billing', value: '1001' },
				{ name: 'Support', value: '2736637412' },
			],
		});
		expect(trace.log).toEqual(['domain accountConfigReadOnly', 'skills']);
	});

	test("Create's list starts with Any Skill (-1); the search text filters both", async () => {
		const trace = new lp.Trace();
		lp.lookup(trace, 'accountConfigReadOnly', CONFIG, { times: 2 });
		skills(trace, 200, SKILLS);
		skills(trace, 200, SKILLS);
		expect((await search('searchSkillsOrAny')).results).toEqual([
			{ name: 'Any Skill', value: '-1' },
			{ name: 'Billing', value: '1001' },
			{ name: 'Support', value: '2736637412' },
		]);
		expect((await search('searchSkillsOrAny', 'supp')).results).toEqual([
			{ name: 'Support', value: '2736637412' },
		]);
	});

	test('without an AppJWT yet, the credential fetches one first (Sentinel)', async () => {
		const trace = new lp.Trace();
		lp.lookup(trace, 'sentinel', lp.SENTINEL);
		lp.token(trace);
		lp.lookup(trace, 'accountConfigReadOnly', CONFIG);
		skills(trace, 200, SKILLS);
		expect((await search('searchSkills', undefined, {})).results).toHaveLength(2);
		expect(trace.log).toEqual([
			'domain sentinel',
			'token',
			'domain accountConfigReadOnly',
			'skills',
		]);
	});

	test('an account without skills is an empty list', async () => {
		const trace = new lp.Trace();
		lp.lookup(trace, 'accountConfigReadOnly', CONFIG);
		skills(trace, 200, []);
		expect(await search('searchSkills')).toEqual({ results: [] });
	});

	test('an AppJWT without the permission (403) says so and how to choose By ID', async () => {
		const trace = new lp.Trace();
		lp.lookup(trace, 'accountConfigReadOnly', CONFIG);
		skills(trace, 403, { error: 'Forbidden' });
		await expect(search('searchSkills')).rejects.toThrow(NO_PERMISSION);
	});

	test('a 401 even after a new AppJWT says the same', async () => {
		const trace = new lp.Trace();
		lp.lookup(trace, 'accountConfigReadOnly', CONFIG);
		skills(trace, 401, { error: 'unauthorized' });
		lp.lookup(trace, 'sentinel', lp.SENTINEL);
		lp.token(trace, { jwt: lp.APP_JWT_2 });
		skills(trace, 401, { error: 'unauthorized' }, {}, lp.APP_JWT_2);
		await expect(search('searchSkills')).rejects.toThrow(NO_PERMISSION);
		expect(trace.log).toEqual([
			'domain accountConfigReadOnly',
			'skills',
			'domain sentinel',
			'token',
			'skills',
		]);
	});

	test('a wrong client secret is one line naming the credential fields to fix', async () => {
		const trace = new lp.Trace();
		// n8n runs preAuthentication once more after a 401, then gives up.
		lp.lookup(trace, 'sentinel', lp.SENTINEL, { times: 2 });
		lp.token(trace, { status: 401, body: { error: 'invalid_client' }, times: 2 });
		await expect(search('searchSkills', undefined, {})).rejects.toThrow(
			/Sentinel refused the Client ID or Client Secret.*Copy the Client ID .* and the Client Secret again/,
		);
		// a refused token step is not repeated: n8n finds no HTTP status on it (TokenFailure.httpStatus)
		expect(trace.log).toEqual(['domain sentinel', 'token']);
	});

	test('an account the Domain API does not know names the Account ID', async () => {
		const trace = new lp.Trace();
		lp.lookup(trace, 'accountConfigReadOnly', CONFIG, {
			status: 404,
			body: { error: 'not found' },
		});
		await expect(search('searchSkills')).rejects.toThrow(
			/Domain API does not know the account.*Check the Account ID of the LivePerson Conversations credential/,
		);
	});

	test('a malformed Account ID is refused before any request', async () => {
		await expect(search('searchSkills', undefined, { ...known, accountId: 'abc' })).rejects.toThrow(
			'The Account ID of the LivePerson Conversations credential must be your LivePerson account number, but is "abc"',
		);
	});

	test('a 429 is waited out (Retry-After), then the list comes', async () => {
		const trace = new lp.Trace();
		lp.lookup(trace, 'accountConfigReadOnly', CONFIG);
		skills(trace, 429, { error: 'slow down' }, { 'Retry-After': '1' });
		skills(trace, 200, SKILLS);
		expect((await search('searchSkills')).results).toHaveLength(2);
		expect(trace.log).toEqual(['domain accountConfigReadOnly', 'skills', 'skills']);
	});

	test('an answer that is no list says to choose By ID', async () => {
		const trace = new lp.Trace();
		lp.lookup(trace, 'accountConfigReadOnly', CONFIG);
		skills(trace, 200, { skills: 'none' });
		await expect(search('searchSkills')).rejects.toThrow(
			'LivePerson answered no list of skills. Choose By ID',
		);
	});
});

test("the Skill field says which permission the list needs, and where By ID's number is found", async () => {
	const { loadPackage, nodeTypeName } = await import('../harness/engine');
	const { nodes } = await loadPackage();
	const skillFields = nodes[nodeTypeName('livePerson')].description.properties.filter(
		(property) => property.name === 'skillId',
	);
	expect(skillFields).toHaveLength(2);
	for (const field of skillFields) {
		expect(field.type).toBe('resourceLocator');
		expect(field.description).toContain(
			"The list needs the connector's app installation to be allowed to read the account's skills",
		);
		expect(field.description).toContain(
			"By ID: the skill's number. Conversational Cloud lists the skills under Users → Skills",
		);
	}
});

describe('Skill in a run: picked or typed', () => {
	const transfer = (skillId: NodeParameterValueType) =>
		runNode({
			type: 'livePerson',
			parameters: {
				resource: 'conversation',
				operation: 'transfer',
				externalConsumerId: 'u1',
				conversationId: 'conv-1',
				skillId,
			},
			credentials: lp.credentials(known),
		});

	test.each([
		['From list', { __rl: true, mode: 'list', value: '2736637412', cachedResultName: 'Support' }],
		['By ID', { __rl: true, mode: 'id', value: '2736637412' }],
		['a plain value (an expression)', '2736637412'],
	])('%s transfers to that skill', async (_mode, skillId) => {
		const trace = new lp.Trace();
		lp.consumer(trace, 'u1');
		lp.send(
			trace,
			'u1',
			{
				kind: 'req',
				id: '1',
				type: 'cm.UpdateConversationField',
				body: {
					conversationId: 'conv-1',
					conversationField: [{ field: 'Skill', type: 'UPDATE', skill: '2736637412' }],
				},
			},
			{ reply: { reqId: '1', code: 'OK', body: {} } },
		);
		const result = await transfer(skillId);
		expect(result.error).toBeUndefined();
		expect(result.output[0].json).toMatchObject({ skillId: '2736637412', transferred: true });
	});

	test('a skill name typed By ID is refused before any request', async () => {
		const result = await transfer({ __rl: true, mode: 'id', value: 'Support' });
		expect(result.error?.message).toBe(
			'Skill "Support" is not valid: a skill ID is a number [item 0]',
		);
	});

	test("Create sends Any Skill (-1) by default and the picked skill's ID otherwise", async () => {
		const trace = new lp.Trace();
		// One ConsumerJWS per run.
		lp.consumer(trace, 'u1');
		lp.consumer(trace, 'u1');
		lp.conversation(trace, 'u1', lp.minimalBatch(), { reply: lp.okBatch('c1') });
		lp.conversation(trace, 'u1', lp.minimalBatch({ skillId: '1001' }), {
			reply: lp.okBatch('c2'),
		});
		for (const skillId of [undefined, { __rl: true, mode: 'list', value: '1001' }]) {
			const result = await runNode({
				type: 'livePerson',
				parameters: {
					resource: 'conversation',
					operation: 'create',
					externalConsumerId: 'u1',
					...(skillId ? { skillId } : {}),
				},
				credentials: lp.credentials(known),
			});
			expect(result.error).toBeUndefined();
		}
		expect(trace.log).toEqual(['consumer u1', 'conversation', 'consumer u1', 'conversation']);
	});
});
