import nock from 'nock';
import type { ICredentialDataDecryptedObject, INodeParameters } from 'n8n-workflow';

import { runNode } from '../harness/engine';
import type { BadInput } from './cases';
import { chatwootCases, chatwootCreate } from './chatwoot.cases';
import { intercomCases, intercomCreate } from './intercom.cases';
import { livePersonCases, livePersonCreate } from './liveperson.cases';
import { socialBoardsCases, socialBoardsCreate } from './socialboards.cases';
import { userdeskCases } from './userdesk.cases';

// Bad inputs as they arrive from CRM rows and expressions. Each must be refused before any request
// (the network is closed to these hosts, and every attempt is counted), with a message that names the
// field and the item. The cases of each vendor are in <vendor>.cases.ts.

interface Suite {
	type: string;
	base: INodeParameters;
	cases: BadInput[];
	credentials: Record<string, ICredentialDataDecryptedObject>;
	/** What the description of a refused item says, unless a case says otherwise. */
	description?: string | RegExp;
}

const suites: Suite[] = [
	{
		type: 'intercom',
		base: intercomCreate,
		cases: intercomCases,
		credentials: {
			intercomConversationsApi: {
				accessToken: 'secret',
				region: 'https://api.intercom.io',
				apiVersion: '2.14',
			},
		},
	},
	{
		type: 'userdesk',
		base: { resource: 'conversation', operation: 'create' },
		cases: userdeskCases,
		credentials: {
			userdeskConversationsApi: {
				apiKey: 'secret',
				chatbotId: 'bot',
				baseUrl: 'https://api.userdesk.io/v1',
			},
		},
	},
	{
		type: 'chatwoot',
		base: chatwootCreate,
		cases: chatwootCases,
		credentials: {
			chatwootConversationsApi: {
				baseUrl: 'https://app.chatwoot.com',
				inboxIdentifier: 'inbX7kP2mQ9wZ',
				hmacToken: '',
				apiAccessToken: 'secret',
				accountId: '1',
			},
		},
	},
	{
		type: 'socialBoards',
		base: socialBoardsCreate,
		cases: socialBoardsCases,
		credentials: {
			socialBoardsConversationsApi: {
				accessToken: '',
				clientId: 'client-1',
				refreshToken: 'secret',
				tokenUrl: 'https://api.socialboards.com/token',
				baseUrl: 'https://api.socialboards.com/',
			},
		},
	},
	{
		type: 'livePerson',
		base: livePersonCreate,
		cases: livePersonCases,
		credentials: {
			livePersonConversationsApi: {
				accountId: '12345678',
				clientId: 'installation-75588e18',
				clientSecret: 'secret',
				domainApiHost: 'https://api.liveperson.net',
				sentinelUrl: '',
				idpUrl: '',
				asyncMessagingEntUrl: '',
				appJwt: '',
			},
		},
	},
];

/** The suite's credential with a case's own values in place of some. */
function credentialsFor(suite: Suite, overrides: ICredentialDataDecryptedObject | undefined) {
	if (!overrides) return suite.credentials;
	return Object.fromEntries(
		Object.entries(suite.credentials).map(([name, values]) => [name, { ...values, ...overrides }]),
	);
}

/** Runs the node with one bad input and records every request it tries (none may go out). */
async function runCase(suite: Suite, entry: BadInput) {
	const requests: string[] = [];
	const record = (request: { method?: string; href?: string; path?: string }) =>
		requests.push(`${request.method ?? '?'} ${request.href ?? request.path ?? ''}`);
	nock.emitter.on('no match', record);
	try {
		const result = await runNode({
			type: suite.type,
			parameters: { ...suite.base, ...entry.parameters },
			credentials: credentialsFor(suite, entry.credentials),
			items: [{ ok: true }, { ok: false }],
		});
		return { ...result, requests };
	} finally {
		nock.emitter.removeListener('no match', record);
	}
}

describe.each(suites)('$type bad-input corpus', (suite) => {
	const refused = suite.cases.filter((entry) => !entry.knownBug);
	const knownBugs = suite.cases.filter((entry) => entry.knownBug);

	test('has at least 30 cases the node refuses', () => {
		expect(refused.length).toBeGreaterThanOrEqual(30);
	});

	const check = async (entry: BadInput) => {
		const { error, output, requests } = await runCase(suite, entry);
		expect(requests).toEqual([]);
		expect(output).toEqual([]);
		expect(error?.message.startsWith(`${entry.field} `)).toBe(true);
		if (typeof entry.reason === 'string') expect(error?.message).toContain(entry.reason);
		else expect(error?.message).toMatch(entry.reason);
		expect(error?.message).toMatch(/\[item 0\]$/);
		const description = entry.description ?? suite.description ?? 'Nothing was sent';
		if (typeof description === 'string') expect(error?.description).toContain(description);
		else expect(error?.description).toMatch(description);
	};

	test.each(refused)('$name', check);

	// Inputs the node sends today: they pass while the node still sends them, and fail (asking for
	// knownBug to be dropped) once the node refuses them as the corpus expects.
	if (knownBugs.length > 0) test.failing.each(knownBugs)('KNOWN BUG, sent: $name', check);
});
