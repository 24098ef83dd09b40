import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A server on another origin that counts what reaches it (a redirect's target) and its headers. */
export async function otherOrigin(): Promise<{
	url: string;
	hits: () => number;
	headers: () => http.IncomingHttpHeaders[];
	close: () => Promise<void>;
}> {
	const seen: http.IncomingHttpHeaders[] = [];
	const server = http.createServer((request, response) => {
		seen.push(request.headers);
		response.writeHead(200, { 'content-type': 'application/json' }).end('{"data":[]}');
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		hits: () => seen.length,
		headers: () => [...seen],
		close: () =>
			new Promise((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}
