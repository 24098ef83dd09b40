import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a local server received: enough to tell whether a secret reached it. */
export interface Received {
	method: string;
	path: string;
	headers: http.IncomingHttpHeaders;
	body: string;
}

export interface LocalServer {
	url: string;
	received: Received[];
	/** Whether `secret` arrived in any request line, header or body. */
	sawSecret(secret: string): boolean;
	close(): Promise<void>;
}

/**
 * A real local server: `answer` gives each request's status, headers and body (default 200 `{}`).
 * Every request is recorded.
 */
export async function localServer(
	answer: (request: Received) => {
		status: number;
		headers?: http.OutgoingHttpHeaders;
		body?: string;
	} = () => ({
		status: 200,
	}),
): Promise<LocalServer> {
	const received: Received[] = [];
	const server = http.createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			const entry: Received = {
				method: request.method ?? '',
				path: request.url ?? '',
				headers: request.headers,
				body: Buffer.concat(chunks).toString(),
			};
			received.push(entry);
			const { status, headers, body } = answer(entry);
			response
				.writeHead(status, { 'content-type': 'application/json', ...headers })
				.end(body ?? (status >= 300 && status < 400 ? '' : '{}'));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		received,
		sawSecret: (secret) =>
			received.some((request) =>
				[request.path, JSON.stringify(request.headers), request.body].some((part) =>
					decodeURIComponent(part).includes(secret),
				),
			),
		close: () =>
			new Promise((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

/**
 * A server that answers every request with `status` and a Location on `target` (another origin),
 * the same path: where a followed redirect would carry the credential.
 */
export function redirectingServer(status: number, target: LocalServer): Promise<LocalServer> {
	return localServer((request) => ({
		status,
		headers: { location: `${target.url}${request.path}` },
	}));
}
