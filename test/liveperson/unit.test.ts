import { NodeApiError } from 'n8n-workflow';

import {
	batchFailure,
	ERROR_CODE_HINTS,
	errorCodeOf,
	livePerson,
} from '../../nodes/LivePerson/vendor';
import {
	domainFailure,
	isDomainLookup,
	sentinelFailure,
	serviceOverride,
	vendorText,
	withScheme,
} from '../../nodes/LivePerson/auth';
import { featureList } from '../../nodes/LivePerson/fields';
import {
	closeConversationRequest,
	createConversationRequests,
	lpConsumerIdOf,
	publishTextRequest,
	sequenceOf,
	userProfileBody,
} from '../../nodes/LivePerson/requests';
import { clientPropertiesHeader, failedWithCode } from '../../nodes/LivePerson/session';
import type { RequestSpec } from '../../nodes/shared/types';
import { consumerJws } from './mock';

const conversationRequest: RequestSpec = {
	method: 'POST',
	url: 'https://h/api/account/1/messaging/consumer/conversation',
	purpose: 'create the conversation',
};

describe('LivePerson request builders', () => {
	it('builds the CONVERSATION batch with the profile first and defaults only', () => {
		expect(createConversationRequests('123', {})).toEqual([
			{ kind: 'req', id: '1', type: 'userprofile.SetUserProfile', body: {} },
			{
				kind: 'req',
				id: '2',
				type: 'cm.ConsumerRequestConversation',
				body: { brandId: '123', channelType: 'MESSAGING' },
			},
		]);
	});

	it('puts Customer Info and Personal Info into lp_sdes, with contacts as a list and explicit fields over JSON ones', () => {
		expect(
			userProfileBody({
				ctmrinfo: { ctype: 'vip' },
				ctmrinfoExtra: { ctype: 'basic', balance: 3 },
				personal: { firstname: 'Ann' },
				contact: { email: 'ann@example.com' },
			}),
		).toEqual({
			authenticatedData: {
				lp_sdes: [
					{ type: 'ctmrinfo', info: { ctype: 'vip', balance: 3 } },
					{
						type: 'personal',
						personal: { firstname: 'Ann', contacts: [{ email: 'ann@example.com' }] },
					},
				],
			},
		});
		expect(userProfileBody({ personal: {}, ctmrinfo: {} })).toEqual({});
	});

	it('adds type SharkContext only when a conversation context is given', () => {
		const [, withContext] = createConversationRequests('9', {
			conversation: { skillId: '-1', conversationContext: { lang: 'de-DE' } },
		});
		expect(withContext.body).toEqual({
			brandId: '9',
			channelType: 'MESSAGING',
			skillId: '-1',
			conversationContext: { type: 'SharkContext', lang: 'de-DE' },
		});
	});

	it('builds SEND bodies for a text message and for closing', () => {
		expect(publishTextRequest('c1', 'Hi')).toEqual({
			kind: 'req',
			id: '1',
			type: 'ms.PublishEvent',
			body: {
				dialogId: 'c1',
				event: { type: 'ContentEvent', contentType: 'text/plain', message: 'Hi' },
			},
		});
		expect(closeConversationRequest('c1').body).toEqual({
			conversationId: 'c1',
			conversationField: { field: 'ConversationStateField', conversationState: 'CLOSE' },
		});
	});

	it('reads the sequence and the LivePerson consumer ID', () => {
		expect(sequenceOf({ reqId: '1', code: 'OK', body: { sequence: 7 } })).toBe(7);
		expect(sequenceOf([{ body: { sequence: 0 } }])).toBe(0);
		expect(sequenceOf({ body: {} })).toBeUndefined();
		expect(lpConsumerIdOf(consumerJws('x', 'lp-42'))).toBe('lp-42');
		expect(lpConsumerIdOf('not-a-jwt')).toBeUndefined();
		expect(lpConsumerIdOf('a.%%%.c')).toBeUndefined();
	});

	it('sends Client-Properties only with features', () => {
		expect(clientPropertiesHeader(['AUTO_MESSAGES'])).toEqual({
			'Client-Properties': '{"type":".ClientProperties","features":["AUTO_MESSAGES"]}',
		});
		expect(clientPropertiesHeader([])).toEqual({});
		expect(clientPropertiesHeader(undefined)).toEqual({});
	});

	it('checks client features', () => {
		const check = featureList(['A', 'B']);
		expect(check(['A', 'A', ' B'])).toEqual(['A', 'B']);
		expect(check('A,B')).toEqual(['A', 'B']);
		expect(check([])).toBeUndefined();
		expect(() => check(['C'])).toThrow('contains "C"; allowed are A, B');
		expect(() => check(5)).toThrow('must be a list of feature names');
	});
});

describe('LivePerson batch answers', () => {
	const requests = createConversationRequests('1', {});

	it('accepts an answer where every element is OK and names the conversation', () => {
		expect(
			batchFailure(requests, [
				{ reqId: '2', code: 'OK', body: { conversationId: 'c' } },
				{ reqId: '1', code: 'OK', body: {} },
			]),
		).toBeUndefined();
	});

	it('matches elements by reqId, not by position', () => {
		const failure = batchFailure(requests, [
			{ reqId: '2', code: 'OK', body: { conversationId: 'c' } },
			{ reqId: '1', code: 'ERROR', body: { message: 'bad SDE' } },
		]);
		expect(failure?.message).toBe(
			'userprofile.SetUserProfile (reqId 1) failed with code ERROR: bad SDE',
		);
		expect(failure?.description).toContain('the conversation c was created anyway');
	});

	it('fails an OK answer without a conversation ID', () => {
		expect(
			batchFailure(requests, [
				{ reqId: '1', code: 'OK' },
				{ reqId: '2', code: 'OK', body: {} },
			])?.message,
		).toBe('LivePerson answered OK but named no conversation ID');
	});

	it('checks a single SEND answer too, and ignores bodies that are not LivePerson requests', () => {
		expect(
			batchFailure(publishTextRequest('c', 'x'), { reqId: '1', code: 200, body: { sequence: 1 } }),
		).toBeUndefined();
		expect(
			batchFailure(publishTextRequest('c', 'x'), { reqId: '1', code: 500, body: 'internal' })
				?.message,
		).toBe('ms.PublishEvent (reqId 1) failed with code 500: internal');
		expect(batchFailure({ ext_consumer_id: 'x' }, {})).toBeUndefined();
	});
});

describe('LivePerson errors', () => {
	const lpError = (errorCode: number) => ({
		kind: 'resp',
		code: 401,
		body: { title: 'T', details: 'D', errorCode },
		type: '.ReqBody$ErrorResp',
	});

	it.each(['40001', '40102', '40103', '40104', '40105'])(
		'explains error code %s with its own hint',
		(code) => {
			const explained = livePerson.explainError(
				{ statusCode: 401, headers: {}, body: lpError(Number(code)) },
				conversationRequest,
			);
			expect(explained).toEqual({ message: `T: D [${code}]`, description: ERROR_CODE_HINTS[code] });
		},
	);

	it('never mistakes the ConsumerJWS codes for an AppJWT problem', () => {
		expect(ERROR_CODE_HINTS['40103']).toContain('not an AppJWT problem');
		expect(ERROR_CODE_HINTS['40104']).toContain('not an AppJWT problem');
		expect(ERROR_CODE_HINTS['40102']).toContain('AppJWT');
	});

	it('explains Domain API failures and token failures carried from preAuthentication', () => {
		const lookup: RequestSpec = {
			method: 'GET',
			url: 'https://api.liveperson.net/api/account/1/service/idp/baseURI.json',
			purpose: 'look up',
		};
		expect(
			livePerson.explainError({ statusCode: 401, headers: {}, body: 'invalid site' }, lookup)
				.message,
		).toBe("LivePerson's Domain API does not know the account");
		const carried = { livePersonAuth: { step: 'sentinel', message: 'M', description: 'D' } };
		expect(
			livePerson.explainError({ statusCode: 401, headers: {}, body: carried }, lookup),
		).toEqual({ message: 'no AppJWT: M', description: 'D' });
		expect(
			livePerson.failureInSuccess!({ statusCode: 200, headers: {}, body: carried }, lookup),
		).toEqual({ message: 'no AppJWT: M', description: 'D' });
		expect(
			livePerson.failureInSuccess!(
				{ statusCode: 200, headers: {}, body: { baseURI: 'x' } },
				lookup,
			),
		).toBeUndefined();
	});

	it('reads error codes and recognises a refused ConsumerJWS in a NodeApiError', () => {
		expect(errorCodeOf(lpError(40103))).toBe('40103');
		expect(errorCodeOf({ error: 'x' })).toBeUndefined();
		const node = {
			id: '1',
			name: 'n',
			type: 't',
			typeVersion: 1,
			position: [0, 0] as [number, number],
			parameters: {},
		};
		const refused = new NodeApiError(
			node,
			{ httpCode: '401', body: JSON.stringify(lpError(40103)) },
			{ httpCode: '401' },
		);
		expect(failedWithCode(refused, '40103')).toBe(true);
		expect(failedWithCode(refused, '40102')).toBe(false);
		const other = new NodeApiError(
			node,
			{ httpCode: '400', body: JSON.stringify(lpError(40103)) },
			{ httpCode: '400' },
		);
		expect(failedWithCode(other, '40103')).toBe(false);
		expect(failedWithCode(new Error('x'), '40103')).toBe(false);
	});

	it('names the wrong value for each Sentinel and Domain API status', () => {
		const creds = { accountId: '77' };
		expect(sentinelFailure(creds, 401, { error: 'invalid_client' }).message).toBe(
			'Sentinel refused the Client ID or Client Secret (invalid_client)',
		);
		expect(sentinelFailure(creds, 404, '').message).toBe(
			'Sentinel does not know the account ID "77"',
		);
		expect(sentinelFailure(creds, 400, {}).message).toBe(
			'Sentinel refused the token request for account 77',
		);
		expect(sentinelFailure(creds, 503, 'down').message).toBe(
			'Sentinel could not issue an AppJWT (HTTP 503)',
		);
		expect(domainFailure(creds, 'idp', 404, {}).message).toBe(
			'LivePerson does not know the account ID "77" (Domain API answered 404)',
		);
		expect(domainFailure(creds, 'idp', 200, {}).message).toBe(
			'the Domain API names no idp host for account 77',
		);
		expect(domainFailure(creds, 'idp', 500, {}).message).toBe(
			'the Domain API could not name the idp host (HTTP 500)',
		);
	});

	it('reads text from OAuth, LivePerson and plain error bodies', () => {
		expect(
			vendorText({ error: 'invalid_client', error_description: 'Bad client credentials' }),
		).toBe('Bad client credentials / invalid_client');
		expect(
			vendorText({ kind: 'resp', body: { title: 'Not Found', details: 'Account 1 not found' } }),
		).toBe('Account 1 not found / Not Found');
		expect(vendorText('{"message":"nope"}')).toBe('nope');
		expect(vendorText('')).toBeUndefined();
		expect(vendorText(42)).toBeUndefined();
	});
});

describe('LivePerson URLs', () => {
	it('builds https:// from the bare hosts the Domain API answers, and keeps explicit schemes', () => {
		expect(withScheme('va.msg.liveperson.net')).toBe('https://va.msg.liveperson.net');
		expect(withScheme(' http://127.0.0.1:9000/ ')).toBe('http://127.0.0.1:9000');
		expect(serviceOverride({ idpUrl: '' }, 'idp')).toBeUndefined();
		expect(serviceOverride({ idpUrl: 'http://127.0.0.1:1/' }, 'idp')).toBe('http://127.0.0.1:1');
	});

	it('recognises Domain API lookups (which get no token)', () => {
		expect(
			isDomainLookup('https://api.liveperson.net/api/account/1/service/idp/baseURI.json'),
		).toBe(true);
		expect(
			isDomainLookup(
				'https://api.liveperson.net/api/account/1/service/idp/baseURI.json?version=1.0',
			),
		).toBe(true);
		expect(isDomainLookup('https://va.idp.liveperson.net/api/account/1/consumer')).toBe(false);
		expect(isDomainLookup(undefined)).toBe(false);
	});
});
