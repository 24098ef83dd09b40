import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { loadPackage, runNode } from '../harness/engine';

// The refresh-token exchange (the credential's preAuthentication) gets the node's Timeout, at
// most 30 s, and the execution's Stop, as LivePerson's token step does.

let requests = 0;
let server: http.Server;
let url: string;
beforeAll(async () => {
	await loadPackage();
	server = http.createServer((request) => {
		requests++;
		request.resume();
		// Never answered.
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(
	() =>
		new Promise<void>((resolve) => {
			server.closeAllConnections();
			server.close(() => resolve());
		}),
);
beforeEach(() => (requests = 0));

function create(options: { timeoutMs?: number; cancelAfterMs?: number }) {
	return runNode({
		type: 'socialBoards',
		parameters: {
			resource: 'conversation',
			operation: 'create',
			authorBy: 'email',
			authorEmail: 'ana@example.com',
			options: options.timeoutMs ? { timeoutMs: options.timeoutMs } : {},
		},
		credentials: {
			socialBoardsConversationsApi: {
				accessToken: '',
				clientId: 'client-1',
				refreshToken: 'refresh-1',
				tokenUrl: `${url}/token`,
				baseUrl: url,
			},
		},
		cancelAfterMs: options.cancelAfterMs,
	});
}

test('a Token URL that never answers: the run ends after the Timeout (1 s), nothing sent', async () => {
	const started = Date.now();
	const { error } = await create({ timeoutMs: 1000 });
	expect(Date.now() - started).toBeLessThan(2000);
	expect(error?.message).toBe(
		'SocialBoards could not create the conversation: the SocialBoards Conversations credential got no token, its token service did not answer in time [item 0]',
	);
	expect(requests).toBe(1);
});

test('Stop ends the wait for the Token URL at once', async () => {
	const started = Date.now();
	await create({ cancelAfterMs: 300 });
	expect(Date.now() - started).toBeLessThan(1300);
	expect(requests).toBe(1);
});
