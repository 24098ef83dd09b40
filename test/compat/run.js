#!/usr/bin/env node
'use strict';
/*
 * The version matrix: the five packed packages, installed as the Community Nodes panel installs
 * them, in a real n8n of each version of scripts/n8n-runtime.js (RUNTIMES), against the vendor
 * sandbox (test/sandbox).
 *   npm run test:compat [-- --n8n=1.123.81,2.41.1] [--skip-build]
 * On each version, one n8n server (its own user folder, SQLite):
 * 1. operations: a webhook starts one workflow with every node's Create and one lifecycle operation
 *    (two contacts, so two items per node), the second node reading the contact through
 *    `$('Items').item` (paired items across our node); the SocialBoards and LivePerson lifecycle
 *    calls get a 401 for an expired token first (the sandbox's expire-token fault), which the node
 *    must renew once and send again;
 * 2. the AI Agent (where the version has it) calls the Chatwoot node as its tool, with a local fake
 *    OpenAI model (test/e2e/fake-openai.js);
 * 3. every credential's Test button (POST /rest/credentials/test): the sandbox's values pass, a
 *    wrong secret (and for LivePerson a wrong account ID) fails with a message that names the field
 *    and does not repeat the secret;
 * 4. every trigger: one signed delivery starts one execution, one forged delivery is refused with
 *    401 and starts nothing.
 * Writes test-results/compat/summary.json and summary.md (the README's table) and the n8n logs;
 * ends with "compat: N passed, M failed"; exit 1 when anything failed. Leaves no process running.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');

const local = require('../../scripts/n8n-local');
const runtime = require('../../scripts/n8n-runtime');
const { packages } = require('../..');
const { startFakeOpenAi } = require('../e2e/fake-openai');
const { assert, assertEqual, pause, waitFor, sandboxChatwootConversation } = require('../e2e/lib');
const wf = require('./workflows');

const { REPO_ROOT } = local;
const RESULTS = path.join(REPO_ROOT, 'test-results', 'compat');
const log = local.progress('compat');
const argv = process.argv.slice(2);
const VERSIONS = (
	argv.find((a) => a.startsWith('--n8n='))?.slice(6) ||
	Object.keys(runtime.RUNTIMES).sort(byVersion).join(',')
)
	.split(',')
	.filter(Boolean);

function byVersion(a, b) {
	const pa = a.split('.').map(Number);
	const pb = b.split('.').map(Number);
	for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i] - pb[i];
	return 0;
}

// ---------------------------------------------------------------- checks, per version
function checker(version) {
	const results = [];
	async function check(area, name, fn) {
		const t = Date.now();
		try {
			await fn();
			results.push({ area, name, ok: true });
			log(`${version} ok   ${name} (${((Date.now() - t) / 1000).toFixed(1)}s)`);
		} catch (error) {
			results.push({ area, name, ok: false, error: error.message });
			log(`${version} FAIL ${name}: ${error.message.split('\n').slice(0, 12).join('\n      ')}`);
		}
	}
	return { results, check };
}

// ---------------------------------------------------------------- n8n's REST API
async function rest(n8n, method, p, body) {
	const r = await local.request(`${n8n.url}/rest${p}`, {
		method,
		headers: { cookie: n8n.cookie },
		body,
		timeoutMs: 60000,
	});
	assertEqual(r.status, 200, `${method} /rest${p} (${r.text.slice(0, 300)})`);
	return r.json?.data;
}
async function executionsOf(n8n, workflowId) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const data = await rest(n8n, 'GET', `/executions?filter=${filter}`);
	return data.results;
}
/** Waits until the workflow has `count` finished executions (or the time is up); returns them. */
async function finishedExecutions(n8n, workflowId, count, timeoutMs = 60000) {
	const deadline = Date.now() + timeoutMs;
	let executions = [];
	while (Date.now() < deadline) {
		executions = await executionsOf(n8n, workflowId);
		const done = executions.filter((e) => !['running', 'new', 'waiting'].includes(e.status));
		if (done.length >= count && done.length === executions.length) break;
		await pause(500);
	}
	return executions;
}
/** The run data of one execution (n8n stores it with flatted, a dependency of n8n-workflow). */
async function executionData(n8n, id) {
	const flatted = require('flatted');
	const data = await rest(n8n, 'GET', `/executions/${id}`);
	return flatted.parse(data.data);
}
/** Publishes (2.x) or activates (1.x) a workflow: POST /rest/workflows/:id/activate in both. */
async function activate(n8n, workflowId) {
	const { versionId, name, nodes } = await rest(n8n, 'GET', `/workflows/${workflowId}`);
	const path = `/rest/workflows/${workflowId}/activate`;
	const headers = { cookie: n8n.cookie };
	let r = await local.request(`${n8n.url}${path}`, {
		method: 'POST',
		headers,
		body: { versionId },
	});
	if (r.status !== 200 && /Version not found|FOREIGN KEY constraint failed/.test(r.text)) {
		// n8n 2.0.0 and 1.123.0 keep no history entry for the version import:workflow stored (2.0.0
		// answers 404, 1.123.0 fails on the foreign key): a save with a change (a node moved in the
		// editor) makes one
		const moved = nodes.map((n, i) =>
			i === 0 ? { ...n, position: [n.position[0] + 20, n.position[1]] } : n,
		);
		const saved = await rest(n8n, 'PATCH', `/workflows/${workflowId}`, {
			versionId,
			name,
			nodes: moved,
		});
		r = await local.request(`${n8n.url}${path}`, {
			method: 'POST',
			headers,
			body: { versionId: saved.versionId },
		});
	}
	assertEqual(r.status, 200, `POST ${path} (${r.text.slice(0, 300)})`);
}
/**
 * POSTs to a production webhook of a workflow just activated: n8n 2.x registers it in the
 * background, so a 404 (not registered yet, nothing started) is tried again for up to a minute.
 */
async function postWebhook(n8n, webhookPath, body) {
	const deadline = Date.now() + 60000;
	for (;;) {
		const r = await local.request(`${n8n.url}/webhook/${webhookPath}`, { method: 'POST', body });
		if (r.status !== 404 || Date.now() > deadline) return r;
		await pause(500);
	}
}
/** The items a node output (first run, first output), each with its pairedItem, or its error. */
function nodeOutput(data, nodeName) {
	const run = data.resultData.runData[nodeName]?.[0];
	if (!run) return { ran: false, items: [] };
	return {
		ran: true,
		error: run.error?.message,
		items: (run.data?.main?.[0] ?? []).map((item) => ({
			json: item.json,
			pairedItem: item.pairedItem,
		})),
	};
}

// ---------------------------------------------------------------- 1. operations
/** What the sandbox must hold after the chain of each vendor, per contact. */
const SANDBOX_AFTER = {
	intercom: (srv, created) =>
		created.map(
			(c) => srv.state.conversations.find((k) => String(k.id) === c.conversationId)?.state,
		),
	chatwoot: (srv, created) =>
		created.map(
			(c) => srv.state.conversations.find((k) => String(k.id) === String(c.conversationId))?.status,
		),
	liveperson: (srv, created) =>
		created.map(
			(c) => srv.state.conversations.find((k) => k.conversationId === c.conversationId)?.state,
		),
	socialboards: (srv, created) =>
		created.map((c) =>
			srv.state.conversations.find((k) => String(k.id) === String(c.conversationId))?.isClosed
				? 'closed'
				: 'open',
		),
	userdesk: (srv, created) =>
		created.map(
			(c) =>
				srv.state.conversations
					.find((k) => k.conversationId === c.conversationId)
					?.messages.some((m) => m.content === `Reference ${c.crmId}`) && 'referenced',
		),
};
const EXPECTED_STATE = {
	intercom: 'closed',
	chatwoot: 'resolved',
	liveperson: 'CLOSE',
	socialboards: 'closed',
	userdesk: 'referenced',
};

async function operationsPhase(n8n, sandbox, check) {
	const workflow = wf.operationsWorkflow();
	// A token that expired since n8n got it: the first lifecycle call is answered 401 (Create's
	// calls go first; LivePerson's Create sends each first message through /conversation/send too).
	const expired = {
		socialboards: sandbox.servers.socialboards.injectFault({
			method: 'PATCH',
			path: /\/close$/i,
			kind: 'expire-token',
		}),
		liveperson: sandbox.servers.liveperson.injectFault({
			method: 'POST',
			path: /\/conversation\/send$/,
			kind: 'expire-token',
			skip: wf.CONTACTS.length,
		}),
	};
	let data;
	await check('operations', 'a webhook starts the operations workflow; it finishes', async () => {
		await activate(n8n, workflow.id);
		const hook = await postWebhook(n8n, 'compat-operations', { contacts: wf.CONTACTS });
		assertEqual(hook.status, 200, `POST /webhook/compat-operations (${hook.text.slice(0, 200)})`);
		const executions = await finishedExecutions(n8n, workflow.id, 1, 120000);
		assertEqual(executions.length, 1, 'executions of the operations workflow');
		data = await executionData(n8n, executions[0].id);
		const error = data.resultData.error;
		assert(!error, `the execution failed: ${error?.message} ${error?.description ?? ''}`);
	});
	for (const [vendor, steps] of Object.entries(wf.CHAINS)) {
		const names = steps.map((s) => s.name.split(': ')[1]).join(' → ');
		await check('operations', `${vendor}: ${names}, two items, against the sandbox`, async () => {
			assert(data, 'no execution data');
			const outputs = steps.map((step) => [step.name, nodeOutput(data, step.name)]);
			for (const [name, out] of outputs) {
				assert(out.ran, `${name} did not run`);
				assert(!out.error, `${name} failed: ${out.error}`);
				assertEqual(out.items.length, wf.CONTACTS.length, `${name}: items`);
				const failed = out.items.filter((i) => i.json.error);
				assert(
					failed.length === 0,
					`${name}: ${failed.map((i) => `item ${i.pairedItem?.item}: ${i.json.error}`).join('; ')}`,
				);
				assertEqual(
					out.items.map((i) => i.pairedItem?.item ?? i.pairedItem),
					wf.CONTACTS.map((_, index) => index),
					`${name}: pairedItem of each output item`,
				);
			}
			const created = outputs[0][1].items.map((i, index) => ({
				...i.json,
				crmId: wf.CONTACTS[index].crmId,
			}));
			assert(
				created.every((c) => c.conversationId !== undefined && c.conversationId !== null),
				`Create gave no conversationId: ${JSON.stringify(created)}`,
			);
			const srv = sandbox.servers[vendor];
			assertEqual(
				SANDBOX_AFTER[vendor](srv, created),
				created.map(() => EXPECTED_STATE[vendor]),
				`${vendor} conversations in the sandbox after the chain`,
			);
			if (vendor === 'intercom') {
				// Reply as Contact found each contact by $('Items').item.json.email
				const replies = outputs[1][1].items.map((i) => i.json.contactIds);
				assertEqual(
					replies,
					created.map((c) => [c.contactId]),
					'the replying contacts (by e-mail from Items)',
				);
			}
			if (expired[vendor]) {
				assertEqual(expired[vendor].hits, 1, `${vendor}: the expired-token 401 was answered`);
			}
		});
	}
}

// ---------------------------------------------------------------- 2. AI Agent
/** Whether this n8n ships the AI Agent node (@n8n/n8n-nodes-langchain). */
function hasAiAgent(rt) {
	const langchain = path.join(rt.runtimeDir, 'n8n', 'node_modules', '@n8n', 'n8n-nodes-langchain');
	return fs.existsSync(path.join(langchain, 'dist', 'nodes', 'agents', 'Agent'));
}

async function aiAgentPhase(n8n, sandbox, fake, check) {
	const workflow = wf.aiAgentWorkflow();
	const srv = sandbox.servers.chatwoot;
	await check(
		'ai',
		'AI Agent: the model calls the Chatwoot node as a tool; one agent reply in the conversation',
		async () => {
			await activate(n8n, workflow.id);
			const conversationId = await sandboxChatwootConversation(srv, 'Compat Test');
			const before = fake.completions().length;
			const hook = await postWebhook(n8n, 'compat-ai-agent', {
				conversationId,
				text: 'Where is my parcel?',
			});
			assertEqual(hook.status, 200, `POST /webhook/compat-ai-agent (${hook.text.slice(0, 200)})`);
			const executions = await finishedExecutions(n8n, workflow.id, 1, 120000);
			assertEqual(executions.length, 1, 'executions of the AI Agent workflow');
			const data = await executionData(n8n, executions[0].id);
			const error = data.resultData.error;
			assertEqual(
				executions[0].status,
				'success',
				`execution status${error ? ` (${error.message} ${error.description ?? ''})` : ''}`,
			);
			const offered = fake
				.completions()
				.slice(before)[0]
				?.body.tools?.map((t) => t.function.name);
			assert(
				offered?.includes(wf.AI.tool.replace(/[^a-zA-Z0-9_-]+/g, '_')),
				`tools offered to the model: ${JSON.stringify(offered)}`,
			);
			const replies = srv.state.messages.filter(
				(m) => m.conversation_id === conversationId && m.message_type === 1,
			);
			assertEqual(replies.length, 1, `agent replies in conversation ${conversationId}`);
		},
	);
}

// ---------------------------------------------------------------- 3. credentials' Test button
/** Per credential type: the wrong values to try, what the message must name, and whether it is a secret. */
const SECRET = 'wrong-secret-value-1234';
const WRONG = {
	intercomConversationsApi: [[{ accessToken: SECRET }, /Access Token/]],
	userdeskConversationsApi: [[{ apiKey: SECRET }, /API Key/]],
	chatwootConversationsApi: [[{ apiAccessToken: SECRET }, /User Access Token/]],
	socialBoardsConversationsApi: [[{ refreshToken: SECRET }, /Refresh Token/]],
	livePersonConversationsApi: [
		[{ clientSecret: SECRET }, /Client Secret/],
		[{ accountId: '99999999' }, /Account ID/i],
	],
};

async function credentialsPhase(n8n, sandbox, check) {
	for (const credential of local.sandboxCredentials(sandbox.servers)) {
		const wrongs = WRONG[credential.type];
		if (!wrongs) continue;
		const test = (data) =>
			rest(n8n, 'POST', '/credentials/test', { credentials: { ...credential, data } });
		await check(
			'credentials',
			`${credential.type}: Test passes with the sandbox's values`,
			async () => {
				const good = await test(credential.data);
				assert(good.status === 'OK', `Test result: ${good.status} "${good.message}"`);
			},
		);
		for (const [data, names] of wrongs) {
			const [field] = Object.keys(data);
			await check(
				'credentials',
				`${credential.type}: a wrong ${field} fails and the message names ${names.source}`,
				async () => {
					// the token n8n fetches (SocialBoards, LivePerson) is empty in a credential just filled in
					const bad = await test({ ...credential.data, accessToken: '', appJwt: '', ...data });
					assert(
						bad.status === 'Error' && names.test(bad.message) && !bad.message.includes(SECRET),
						`Test with a wrong ${field}: ${bad.status} "${bad.message}" (must fail, name ${names}, not repeat the secret)`,
					);
				},
			);
		}
	}
}

// ---------------------------------------------------------------- 4. triggers
/** Per trigger: how the vendor learns the URL, one signed delivery and one forged one. */
const TRIGGER_DRIVERS = {
	async chatwoot(n8n, srv, url) {
		// activation registered the account webhook through Chatwoot's API
		const ours = (w) => w.url.endsWith(new URL(url).pathname);
		await waitFor(() => srv.state.webhooks.some(ours), 60000);
		assert(
			srv.state.webhooks.some(ours),
			`no webhook for ${url} in the sandbox: ${JSON.stringify(srv.state.webhooks.map((w) => w.url))}`,
		);
		const conversationId = await sandboxChatwootConversation(srv, 'Compat Test');
		const signed = async (forge) => {
			const message = srv.addMessage(conversationId, 'Where is my order? (compat)', 0);
			const payload = srv.payloadFor('message_created', { messageId: message.id });
			return (await srv.deliver(payload, forge)).find(ours);
		};
		return { deliver: () => signed({}), forge: () => signed({ secret: 'guessed-secret' }) };
	},
	async intercom(n8n, srv, url) {
		let answer;
		await waitFor(async () => {
			[answer] = await srv.ping(url);
			return answer.status === 200;
		}, 60000);
		assertEqual(answer.status, 200, `Intercom's ping of ${url}`);
		srv.subscribe(url, wf.TRIGGERS.intercom.parameters.topics);
		const api = (p, body) =>
			local.request(`${srv.baseUrl}${p}`, {
				method: 'POST',
				headers: {
					authorization: `Bearer ${srv.credentials.accessToken}`,
					accept: 'application/json',
					'intercom-version': '2.14',
				},
				body,
			});
		const jane = '536e564f316c83104c000020';
		const message = await api('/conversations', {
			from: { type: 'user', id: jane },
			body: 'Hello',
		});
		assertEqual(message.status, 200, `sandbox conversation (${message.text.slice(0, 200)})`);
		const conversationId = String(message.json.conversation_id);
		return {
			async deliver() {
				const reply = await api(`/conversations/${conversationId}/reply`, {
					message_type: 'comment',
					type: 'user',
					intercom_user_id: jane,
					body: 'Where is my order? (compat)',
				});
				assertEqual(reply.status, 200, `sandbox reply (${reply.text.slice(0, 200)})`);
				await srv.settled();
				return srv.state.notifications.filter((n) => n.url === url && n.topic !== 'ping').at(-1);
			},
			forge: async () =>
				(
					await srv.deliver(srv.notificationFor('conversation.user.replied', { conversationId }), {
						url,
						secret: 'guessed-client-secret',
					})
				)[0],
		};
	},
	async liveperson(n8n, srv, url) {
		const content = 'ms.MessagingEventNotification.ContentEvent';
		const endpoint = () => srv.state.installation.capabilities.webhooks?.[content]?.endpoint ?? '';
		await waitFor(() => endpoint().endsWith(new URL(url).pathname), 60000);
		assert(
			endpoint().endsWith(new URL(url).pathname),
			`the ContentEvent endpoint on the connector's installation: ${endpoint()}`,
		);
		const conversationId = await liveConversation(srv);
		return {
			deliver: async () =>
				(await srv.deliver(srv.agentMessage(conversationId, 'Your parcel ships today')))[0],
			forge: async () =>
				(
					await srv.deliver(srv.agentMessage(conversationId, 'forged'), {
						secret: 'guessed-secret',
					})
				)[0],
		};
	},
	async socialboards(n8n, srv, url) {
		const { verify, delivery } = wf.SOCIALBOARDS_TOKENS;
		await waitFor(
			async () =>
				(await local.request(`${url}?challenge=probe&verifyToken=${verify}`)).status === 200,
			60000,
		);
		const added = await srv.addWebhook({
			url: `${url}?token=${delivery}`,
			verifyToken: verify,
			events: wf.TRIGGERS.socialboards.parameters.events,
		});
		assertEqual([added.status, added.verified], [200, true], "SocialBoards' check GET");
		const token = await fetch(`${srv.url}/token`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({
				grant_type: 'refresh_token',
				refresh_token: srv.credentials.refreshToken,
				client_id: srv.credentials.clientId,
			}),
		}).then((r) => r.json());
		const api = async (p, body) => {
			const r = await local.request(`${srv.baseUrl}${p}`, {
				method: 'POST',
				headers: { authorization: `Bearer ${token.access_token}` },
				body,
			});
			assertEqual(r.json?.errorCode, -1, `sandbox POST ${p} (${r.text.slice(0, 200)})`);
			return r.json.data;
		};
		const author = { email: 'tina.trigger@example.com', name: 'Tina Trigger' };
		const conversation = await api('chat/conversations', { author });
		let lastMessage;
		return {
			async deliver() {
				[lastMessage] = await api(`chat/conversations/${conversation.id}/messages`, [
					{ message: 'Is my parcel on its way?', author: { email: author.email } },
				]);
				await srv.settled();
				return srv.state.deliveries.at(-1);
			},
			forge: async () =>
				(
					await srv.deliver(
						srv.payloadFor('conversation_message_added', {
							conversationId: conversation.id,
							messageId: lastMessage.id,
						}),
						{ url, token: 'guessed-delivery-token' },
					)
				)[0],
		};
	},
};

/** A LivePerson conversation for a new consumer, through the fake's Connector API. */
async function liveConversation(srv) {
	const account = srv.credentials.accountId;
	const token = await fetch(
		`${srv.url}/sentinel/api/account/${account}/app/token?v=1.0&grant_type=client_credentials`,
		{
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({
				client_id: srv.credentials.clientId,
				client_secret: srv.credentials.clientSecret,
			}).toString(),
		},
	).then((r) => r.json());
	const consumer = await local.request(`${srv.url}/api/account/${account}/consumer?v=1.0`, {
		method: 'POST',
		headers: { authorization: token.access_token },
		body: { ext_consumer_id: `compat-trigger-${Date.now()}` },
	});
	assertEqual(consumer.status, 201, `sandbox consumer (${consumer.text.slice(0, 200)})`);
	const created = await local.request(
		`${srv.url}/api/account/${account}/messaging/consumer/conversation?v=3`,
		{
			method: 'POST',
			headers: { authorization: token.access_token, 'x-lp-on-behalf': consumer.json.token },
			body: [
				{ kind: 'req', id: '1', type: 'userprofile.SetUserProfile', body: {} },
				{
					kind: 'req',
					id: '2',
					type: 'cm.ConsumerRequestConversation',
					body: { brandId: account },
				},
			],
		},
	);
	assertEqual(created.status, 200, `sandbox conversation (${created.text.slice(0, 200)})`);
	await srv.settled();
	return created.json[1].body.conversationId;
}

async function triggersPhase(n8n, sandbox, check) {
	for (const vendor of Object.keys(wf.TRIGGERS)) {
		const workflow = wf.triggerWorkflow(vendor);
		const url = `${n8n.url}/webhook/${workflow.nodes[0].webhookId}/webhook`;
		let driver;
		await check(
			'triggers',
			`${vendor} trigger: a signed delivery starts one execution`,
			async () => {
				await activate(n8n, workflow.id);
				driver = await TRIGGER_DRIVERS[vendor](n8n, sandbox.servers[vendor], url);
				const delivery = await driver.deliver();
				assertEqual(delivery?.status, 200, `delivery status (${delivery?.body?.slice(0, 200)})`);
				const executions = await finishedExecutions(n8n, workflow.id, 1);
				assertEqual(
					executions.map((e) => e.status),
					['success'],
					'executions after one signed delivery',
				);
			},
		);
		await check(
			'triggers',
			`${vendor} trigger: a forged delivery gets 401 and starts nothing`,
			async () => {
				assert(driver, 'the trigger was not set up');
				const forged = await driver.forge();
				assertEqual(forged?.status, 401, `forged delivery status (${forged?.body?.slice(0, 200)})`);
				await pause(1500);
				assertEqual(
					(await executionsOf(n8n, workflow.id)).length,
					1,
					'executions after the forgery',
				);
			},
		);
	}
}

// ---------------------------------------------------------------- one version
async function runVersion(version, { tarballs, sandbox, fake }) {
	const started = Date.now();
	const { results, check } = checker(version);
	const outDir = path.join(RESULTS, version);
	fs.rmSync(outDir, { recursive: true, force: true });
	fs.mkdirSync(outDir, { recursive: true });
	const rt = await runtime.ensureRuntime({ n8nVersion: version });
	sandbox.reset();
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), `n8n-compat-${version}-`));
	let n8n;
	try {
		await check(
			'install',
			'the five packed packages install as the Community Nodes panel installs them',
			async () => {
				for (const tgz of tarballs) {
					const installed = await runtime.installPackageTarball(userFolder, tgz, {
						n8nVersion: version,
					});
					assert(installed.nodes.length > 0, `${installed.packageName}: no nodes`);
				}
			},
		);
		const cliEnv = rt.n8nEnv(userFolder, { N8N_PORT: String(await runtime.freePort()) });
		const credentialsFile = path.join(userFolder, 'compat-credentials.json');
		fs.writeFileSync(
			credentialsFile,
			JSON.stringify([
				...local.sandboxCredentials(sandbox.servers),
				{
					...wf.OPENAI_CREDENTIAL,
					data: { apiKey: 'sk-compat-fake', organizationId: '', url: fake.baseUrl, header: false },
				},
			]),
		);
		const workflowsDir = path.join(userFolder, 'compat-workflows');
		fs.mkdirSync(workflowsDir);
		const workflows = [
			wf.operationsWorkflow(),
			...(hasAiAgent(rt) ? [wf.aiAgentWorkflow()] : []),
			...Object.keys(wf.TRIGGERS).map(wf.triggerWorkflow),
		];
		for (const w of workflows)
			fs.writeFileSync(path.join(workflowsDir, `${w.id}.json`), JSON.stringify(w));
		await local.mustRun(
			rt.nodeBin,
			[rt.n8nBin, 'import:credentials', `--input=${credentialsFile}`],
			{
				env: cliEnv,
				timeoutMs: 180000,
				logFile: path.join(outDir, 'import-credentials.log'),
			},
		);
		await local.mustRun(
			rt.nodeBin,
			[rt.n8nBin, 'import:workflow', '--separate', `--input=${workflowsDir}`],
			{ env: cliEnv, timeoutMs: 180000, logFile: path.join(outDir, 'import-workflows.log') },
		);
		n8n = await local.startN8n(rt, {
			userFolder,
			port: await runtime.freePort(),
			logFile: path.join(outDir, 'n8n.log'),
			onProgress: (m) => log(`${version}   ${m}`),
		});
		await local.setupOwner(n8n.url);
		n8n.cookie = await local.login(n8n.url);

		await operationsPhase(n8n, sandbox, check);
		if (hasAiAgent(rt)) await aiAgentPhase(n8n, sandbox, fake, check);
		await credentialsPhase(n8n, sandbox, check);
		await triggersPhase(n8n, sandbox, check);
	} catch (error) {
		results.push({ area: 'setup', name: 'prepare and start n8n', ok: false, error: error.message });
		log(`${version} FAIL ${error.message.split('\n').slice(0, 20).join('\n      ')}`);
	} finally {
		if (n8n) await n8n.stop();
		if (results.every((r) => r.ok)) fs.rmSync(userFolder, { recursive: true, force: true });
		else log(`${version}   kept the user folder for a look: ${userFolder}`);
	}
	return {
		version,
		node: rt.nodeVersion,
		aiAgent: hasAiAgent(rt),
		results,
		seconds: Math.round((Date.now() - started) / 1000),
	};
}

// ---------------------------------------------------------------- build, pack, summary
async function buildAndPackAll() {
	if (!argv.includes('--skip-build')) {
		log('building the five packages (npm run build)');
		await local.mustRun('npm', ['run', 'build'], { timeoutMs: 600000 });
	}
	const packDir = path.join(RESULTS, 'pack');
	fs.rmSync(packDir, { recursive: true, force: true });
	fs.mkdirSync(packDir, { recursive: true });
	const tarballs = [];
	for (const pkg of packages) {
		const r = await local.mustRun('npm', ['pack', '--json', '--pack-destination', packDir], {
			cwd: pkg.dir,
			timeoutMs: 120000,
		});
		const [info] = JSON.parse(r.stdout.slice(r.stdout.indexOf('[')));
		tarballs.push(path.join(packDir, info.filename));
	}
	log(`packed ${tarballs.map((t) => path.basename(t)).join(', ')}`);
	return tarballs;
}

const AREAS = ['install', 'operations', 'ai', 'credentials', 'triggers', 'setup'];
const AREA_NAMES = { ai: 'AI Agent' };

/** The README's table: one row per version, the checks of each area passed of run. */
function summaryMarkdown(runs) {
	const lines = [
		'| n8n | Node.js | What ran | Result |',
		'|---|---|---|---|',
		...runs.map((run) => {
			const ran = AREAS.filter((area) => run.results.some((r) => r.area === area))
				.map((area) => {
					const of = run.results.filter((r) => r.area === area);
					const passed = of.filter((r) => r.ok).length;
					const name = AREA_NAMES[area] ?? area;
					return passed === of.length
						? `${name} ${of.length}`
						: `${name} ${passed} of ${of.length}`;
				})
				.join(', ');
			const passed = run.results.filter((r) => r.ok).length;
			const total = run.results.length;
			const result =
				passed === total ? `passed, ${total} of ${total}` : `**failed**, ${passed} of ${total}`;
			const noAgent = run.aiAgent ? '' : ' (no AI Agent node in this version)';
			return `| ${run.version} | ${run.node} | ${ran}${noAgent} | ${result} |`;
		}),
	];
	return `${lines.join('\n')}\n`;
}

async function main() {
	const started = Date.now();
	for (const version of VERSIONS) {
		if (!runtime.RUNTIMES[version])
			throw new Error(`n8n ${version} is not in scripts/n8n-runtime.js RUNTIMES`);
	}
	fs.mkdirSync(RESULTS, { recursive: true });
	// Every missing runtime at once (cold: each ~5-10 min, mostly download), then the versions in turn.
	const preparing = Date.now();
	const prepared = Promise.all(
		VERSIONS.map((version) =>
			runtime.ensureRuntime({
				n8nVersion: version,
				onProgress: (m) => log(`${version}   ${m}`),
			}),
		),
	);
	const tarballs = await buildAndPackAll();
	await prepared;
	const preparedSeconds = Math.round((Date.now() - preparing) / 1000);
	log(`n8n ${VERSIONS.join(', ')} ready after ${preparedSeconds}s`);
	const sandbox = await local.startSandbox({ basePort: 0 });
	const fake = await startFakeOpenAi({
		pickTool: (tools) =>
			tools.find((t) => t.function.name === wf.AI.tool.replace(/[^a-zA-Z0-9_-]+/g, '_')),
		reply: () => 'Thanks for writing, your parcel is on its way.',
	});
	const runs = [];
	try {
		for (const version of VERSIONS) {
			log(`== n8n ${version}`);
			runs.push(await runVersion(version, { tarballs, sandbox, fake }));
		}
	} finally {
		await fake.close();
		await sandbox.close();
	}
	const seconds = Math.round((Date.now() - started) / 1000);
	fs.writeFileSync(
		path.join(RESULTS, 'summary.json'),
		JSON.stringify(
			{ finishedAt: new Date().toISOString(), seconds, preparedSeconds, runs },
			null,
			2,
		),
	);
	fs.writeFileSync(path.join(RESULTS, 'summary.md'), summaryMarkdown(runs));
	process.stdout.write(`\n${summaryMarkdown(runs)}\n`);
	const all = runs.flatMap((r) => r.results);
	const failed = all.filter((r) => !r.ok);
	for (const run of runs)
		log(
			`n8n ${run.version}: ${run.results.filter((r) => r.ok).length}/${run.results.length} passed in ${run.seconds}s`,
		);
	for (const f of failed) log(`FAILED ${f.name}: ${f.error.split('\n')[0]}`);
	log(`compat: ${all.length - failed.length} passed, ${failed.length} failed (${seconds}s)`);
	return failed.length === 0;
}

const TOTAL_TIMEOUT_MS = 80 * 60 * 1000;
const timer = setTimeout(() => {
	log(`compat: no result after ${TOTAL_TIMEOUT_MS / 60000} min, stopping`);
	process.exit(1);
}, TOTAL_TIMEOUT_MS);
timer.unref();
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));

main().then(
	(ok) => process.exit(ok ? 0 : 1),
	(error) => {
		log(`compat: ${error.stack || error.message}`);
		process.exit(1);
	},
);
