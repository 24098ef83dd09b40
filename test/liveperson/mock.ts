import nock from 'nock';

/** Shared fixtures for the LivePerson engine tests: hosts, tokens and nock interceptors that log their order. */
export const ACCOUNT = '12345678';
export const CLIENT_ID = 'installation-75588e18';
export const CLIENT_SECRET = 'secret/with&odd=chars';
export const DOMAIN_API = 'https://api.liveperson.net';
export const SENTINEL = 'https://va.sentinel.liveperson.net';
export const IDP = 'https://va.idp.liveperson.net';
export const MESSAGING = 'https://va.msg.liveperson.net';
export const APP_JWT = 'eyJhbGciOiJSUzI1NiJ9.app-jwt-1.sig';
export const APP_JWT_2 = 'eyJhbGciOiJSUzI1NiJ9.app-jwt-2.sig';

/** A ConsumerJWS shaped like LivePerson's, whose payload names the consumer. */
export function consumerJws(
	externalId: string,
	lpConsumerId = `lp-${externalId}`,
	serial = 1,
): string {
	const payload = Buffer.from(
		JSON.stringify({
			account_id: ACCOUNT,
			ext_consumer_id: externalId,
			lp_consumer_id: lpConsumerId,
		}),
	).toString('base64url');
	return `eyJraWQiOiJ4In0.${payload}.sig${serial}`;
}

export function credentials(overrides: Record<string, string> = {}) {
	return {
		livePersonConversationsApi: {
			accountId: ACCOUNT,
			clientId: CLIENT_ID,
			clientSecret: CLIENT_SECRET,
			domainApiHost: DOMAIN_API,
			sentinelUrl: '',
			idpUrl: '',
			asyncMessagingEntUrl: '',
			appJwt: '',
			...overrides,
		},
	};
}

/** The order in which the fake LivePerson saw requests: "GET domain sentinel", "POST token", … */
export class Trace {
	readonly log: string[] = [];

	/** A nock reply that records `label` before answering. */
	reply(label: string, status: number, body: unknown, headers: Record<string, string> = {}) {
		const log = this.log;
		return function (): [number, string, Record<string, string>] {
			log.push(label);
			return [
				status,
				typeof body === 'string' ? body : JSON.stringify(body),
				{ 'Content-Type': 'application/json', ...headers },
			];
		};
	}
}

const host = (url: string) => url.replace(/^https?:\/\//, '');

/** Domain API lookup of one service (no Authorization header may be sent). */
export function lookup(
	trace: Trace,
	service: string,
	baseUrl: string,
	options: { status?: number; body?: unknown; times?: number } = {},
) {
	return nock(DOMAIN_API, { badheaders: ['authorization'] })
		.get(`/api/account/${ACCOUNT}/service/${service}/baseURI.json`)
		.query({ version: '1.0' })
		.times(options.times ?? 1)
		.reply(
			trace.reply(
				`domain ${service}`,
				options.status ?? 200,
				options.body ?? { service, account: ACCOUNT, baseURI: host(baseUrl) },
			),
		);
}

/** Sentinel client-credentials request (form body). */
export function token(
	trace: Trace,
	options: { status?: number; body?: unknown; times?: number; base?: string; jwt?: string } = {},
) {
	const form = `client_id=${encodeURIComponent(CLIENT_ID)}&client_secret=${encodeURIComponent(CLIENT_SECRET)}`;
	return nock(options.base ?? SENTINEL, {
		reqheaders: { 'content-type': /application\/x-www-form-urlencoded/ },
		badheaders: ['authorization'],
	})
		.post(`/sentinel/api/account/${ACCOUNT}/app/token`, form)
		.query({ v: '1.0', grant_type: 'client_credentials' })
		.times(options.times ?? 1)
		.reply(
			trace.reply(
				'token',
				options.status ?? 200,
				options.body ?? { access_token: options.jwt ?? APP_JWT, token_type: 'Bearer' },
			),
		);
}

/** IDP ConsumerJWS request with the AppJWT (raw, no Bearer). */
export function consumer(
	trace: Trace,
	externalId: string,
	options: {
		status?: number;
		body?: unknown;
		jwt?: string | RegExp;
		base?: string;
		serial?: number;
	} = {},
) {
	return nock(options.base ?? IDP, {
		reqheaders: { authorization: options.jwt ?? APP_JWT, 'content-type': /application\/json/ },
	})
		.post(`/api/account/${ACCOUNT}/consumer`, { ext_consumer_id: externalId })
		.query({ v: '1.0' })
		.reply(
			trace.reply(
				`consumer ${externalId}`,
				options.status ?? 201,
				options.body ?? { token: consumerJws(externalId, undefined, options.serial) },
			),
		);
}

interface MessagingOptions {
	status?: number;
	reply: unknown;
	jwt?: string | RegExp;
	jws?: string | RegExp;
	clientProperties?: string;
	base?: string;
	times?: number;
	label?: string;
	headers?: Record<string, string>;
}

function messaging(
	trace: Trace,
	path: string,
	externalId: string,
	body: unknown,
	options: MessagingOptions,
) {
	const reqheaders: Record<string, string | RegExp> = {
		authorization: options.jwt ?? APP_JWT,
		'x-lp-on-behalf': options.jws ?? consumerJws(externalId),
		'content-type': /application\/json/,
	};
	if (options.clientProperties) reqheaders['client-properties'] = options.clientProperties;
	return nock(options.base ?? MESSAGING, {
		reqheaders,
		badheaders: options.clientProperties ? [] : ['client-properties'],
	})
		.post(`/api/account/${ACCOUNT}/messaging/consumer/${path}`, body as nock.RequestBodyMatcher)
		.query({ v: '3' })
		.times(options.times ?? 1)
		.reply(
			trace.reply(options.label ?? path, options.status ?? 200, options.reply, options.headers),
		);
}

export function conversation(
	trace: Trace,
	externalId: string,
	body: unknown,
	options: MessagingOptions,
) {
	return messaging(trace, 'conversation', externalId, body, options);
}

export function send(trace: Trace, externalId: string, body: unknown, options: MessagingOptions) {
	return messaging(
		trace,
		'conversation/send',
		externalId,
		{ ...(body as object) },
		{ label: 'send', ...options },
	);
}

/** The CONVERSATION batch the node sends for a consumer with only the defaults (no profile, skill -1). */
export function minimalBatch(
	conversationBody: Record<string, unknown> = {},
	profile: Record<string, unknown> = {},
) {
	return [
		{ kind: 'req', id: '1', type: 'userprofile.SetUserProfile', body: profile },
		{
			kind: 'req',
			id: '2',
			type: 'cm.ConsumerRequestConversation',
			body: { brandId: ACCOUNT, channelType: 'MESSAGING', skillId: '-1', ...conversationBody },
		},
	];
}

export function okBatch(conversationId: string) {
	return [
		{ code: 'OK', body: { msg: 'OK User Profile set successfully' }, reqId: '1' },
		{ code: 'OK', body: { conversationId }, reqId: '2' },
	];
}

export function publish(conversationId: string, message: string) {
	return {
		kind: 'req',
		id: '1',
		type: 'ms.PublishEvent',
		body: {
			dialogId: conversationId,
			event: { type: 'ContentEvent', contentType: 'text/plain', message },
		},
	};
}

export function closeRequest(conversationId: string) {
	return {
		kind: 'req',
		id: '1',
		type: 'cm.UpdateConversationField',
		body: {
			conversationId,
			conversationField: { field: 'ConversationStateField', conversationState: 'CLOSE' },
		},
	};
}

export function lpAuthError(errorCode: number, title: string, details: string) {
	return {
		kind: 'resp',
		code: Math.floor(errorCode / 100),
		body: { title, details, errorCode },
		type: '.ReqBody$ErrorResp',
	};
}
