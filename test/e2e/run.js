#!/usr/bin/env node
'use strict';
/*
 * End-to-end: this package in a real n8n 2.41.1 (scripts/n8n-runtime.js), against the vendor sandbox.
 *   npm run test:e2e [-- --update-screenshots] [--skip-browser]
 * 1. builds and packs the package, installs the tarball into a fresh n8n user folder the way the
 *    Community Nodes panel does, and checks that `n8n export:nodes` lists every node and its Tool;
 * 2. imports the example workflows (examples/) and a sandbox credential per vendor, runs every
 *    example with `n8n execute`, and checks what the sandbox received and what the workflow output;
 * 3. starts n8n, opens the editor in headless Chromium (Debian's /usr/bin/chromium through
 *    playwright-core), adds each node to a new workflow, checks its operations and required fields,
 *    executes it against the sandbox and saves a screenshot (test-results/e2e/screenshots; with
 *    --update-screenshots also docs/screenshots, the README's pictures).
 * Ends with "e2e: N passed, M failed"; exit 1 when anything failed. Leaves no process running.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');

const local = require('../../scripts/n8n-local');
const {
	examples,
	NAMES,
	SAMPLE_EVENT,
	PIPEDRIVE_SAMPLE,
	SANDBOX_CREDENTIALS,
	WEBHOOK_AUTH,
} = require('../../scripts/make-examples');

const { REPO_ROOT, OWNER, runtime } = local;
const CHROMIUM = '/usr/bin/chromium';
const RESULTS = path.join(REPO_ROOT, 'test-results', 'e2e');
const SHOTS = path.join(RESULTS, 'screenshots');
const README_SHOTS = path.join(REPO_ROOT, 'docs', 'screenshots');
const TOTAL_TIMEOUT_MS = 30 * 60 * 1000;
const args = new Set(process.argv.slice(2));
const { log, results, check, assert, assertEqual, waitFor, SANDBOX_VIEW } = require('./lib');
/**
 * Live checks against a running n8n (triggers, AI), one module each: `workflows` (test workflows to
 * import and publish), `publish` (IDs of examples/ workflows to publish), `credentials` (more
 * credentials to import, optional) and `run(n8n, sandbox)`.
 */
const LIVE = [
	require('./live/chatwoot-trigger'),
	require('./live/chatwoot-triage'),
	require('./live/intercom-trigger'),
	require('./live/intercom-triage'),
	require('./live/socialboards-close'),
	require('./live/socialboards-trigger'),
	require('./live/liveperson-trigger'),
	require('./live/ai-agent'),
	require('./live/liveperson-vip'),
];

const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
/** The package's node types, read from the built files: [{vendor, name, description}]. */
function packageNodes() {
	return pkg.n8n.nodes.map((file) => {
		const mod = require(path.join(REPO_ROOT, file));
		const description = new (Object.values(mod)[0])().description;
		const vendor = path
			.basename(file, '.node.js')
			.replace(/Trigger$/, '')
			.toLowerCase();
		const trigger = description.group.includes('trigger');
		return { vendor, name: description.name, description, trigger };
	});
}

/** The CRM events each example run sends, and what must reach the vendor for each. */
const V1_PERSON = {
	v: 1,
	meta: { action: 'added', object: 'person', id: 3072, host: 'acme.pipedrive.com' },
	current: {
		id: 3072,
		name: 'Carla Mendes',
		first_name: 'Carla',
		last_name: 'Mendes',
		email: [{ label: 'work', value: 'carla.mendes@example.com', primary: true }],
	},
	previous: null,
};
const EVENTS = {
	webhook: [
		{
			crmId: SAMPLE_EVENT.contact.id,
			email: SAMPLE_EVENT.contact.email,
			deal: SAMPLE_EVENT.deal.title,
		},
	],
	pipedrive: [
		{
			crmId: `pipedrive-person-${PIPEDRIVE_SAMPLE.data.id}`,
			email: PIPEDRIVE_SAMPLE.data.emails[0].value,
			deal: 'your product',
		},
		{
			crmId: `pipedrive-person-${V1_PERSON.current.id}`,
			email: V1_PERSON.current.email[0].value,
			deal: 'your product',
		},
	],
};

/**
 * n8n's CLI starts only at a Manual Trigger: the Pipedrive example runs with its trigger replaced by
 * a Manual Trigger and a Code node of the same name that emits a webhooks v2 and a v1 person event.
 */
function forCli(example) {
	const wf = JSON.parse(JSON.stringify(example.workflow));
	if (example.kind !== 'pipedrive') return wf;
	const trigger = wf.nodes.find((n) => n.name === NAMES.pipedrive);
	const start = 'Start (e2e)';
	trigger.type = 'n8n-nodes-base.code';
	trigger.typeVersion = 2;
	trigger.parameters = {
		jsCode: `return ${JSON.stringify([{ json: PIPEDRIVE_SAMPLE }, { json: V1_PERSON }])};`,
	};
	delete trigger.webhookId;
	wf.nodes.push({
		parameters: {},
		id: 'e2e-start',
		name: start,
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position: [-200, 300],
	});
	wf.connections[start] = { main: [[{ node: NAMES.pipedrive, type: 'main', index: 0 }]] };
	wf.pinData = {};
	return wf;
}

function outputOf(run, nodeName) {
	const runs = run?.data?.resultData?.runData?.[nodeName];
	return runs?.[0]?.data?.main?.[0]?.map((i) => i.json) ?? null;
}

// ---------------------------------------------------------------- 1 + 2: install, export:nodes, CLI runs
async function cliPhase(rt, work, tgz, sandbox) {
	const userFolder = path.join(work, 'cli');
	fs.mkdirSync(userFolder, { recursive: true });
	const env = runtime.n8nEnv(userFolder, { N8N_PORT: String(await runtime.freePort()) });
	const nodes = packageNodes();

	await check('install the packed tarball like the Community Nodes panel', async () => {
		const installed = await runtime.installPackageTarball(userFolder, tgz);
		assertEqual(installed.packageName, pkg.name, 'package name');
		assertEqual(
			installed.nodes.map((n) => n.type).sort(),
			nodes.map((n) => `${pkg.name}.${n.name}`).sort(),
			'installed_nodes rows',
		);
		const ledger = JSON.parse(
			fs.readFileSync(path.join(userFolder, '.n8n', 'nodes', 'package.json'), 'utf8'),
		);
		assertEqual(ledger.dependencies[pkg.name], pkg.version, 'nodes/package.json dependency');
	});

	await check('n8n export:nodes lists every node and its Tool variant', async () => {
		const out = path.join(work, 'nodes.json');
		await local.mustRun(rt.nodeBin, [rt.n8nBin, 'export:nodes', `--output=${out}`], {
			env,
			timeoutMs: 180000,
			logFile: path.join(RESULTS, 'export-nodes.log'),
		});
		const exported = new Map(JSON.parse(fs.readFileSync(out, 'utf8')).map((n) => [n.name, n]));
		for (const n of nodes) {
			const type = `${pkg.name}.${n.name}`;
			const node = exported.get(type);
			assert(node, `${type} is missing`);
			assertEqual(node.displayName, n.description.displayName, `${type} displayName`);
			assertEqual(
				(node.credentials ?? []).map((c) => c.name),
				// a trigger that only receives (SocialBoards) has no credential
				(n.description.credentials ?? []).map((c) => c.name),
				`${type} credentials`,
			);
			const tool = exported.get(`${type}Tool`);
			if (n.trigger) {
				assert(!tool, `${type}Tool exists: triggers have no Tool variant`);
				assert(node.webhooks?.length, `${type} has no webhook`);
				continue;
			}
			assert(tool, `${type}Tool is missing`);
			assert(JSON.stringify(tool.outputs).includes('ai_tool'), `${type}Tool has no ai_tool output`);
			assert(
				tool.properties.some((p) => p.name === 'toolDescription'),
				`${type}Tool has no toolDescription`,
			);
		}
	});

	const credsFile = path.join(work, 'credentials.json');
	fs.writeFileSync(
		credsFile,
		JSON.stringify([
			...local.sandboxCredentials(sandbox.servers),
			...LIVE.flatMap((m) => m.credentials ?? []),
		]),
	);
	const wfDir = path.join(work, 'workflows');
	fs.mkdirSync(wfDir, { recursive: true });
	const all = examples();
	const crm = all.filter((e) => e.kind === 'webhook' || e.kind === 'pipedrive');
	for (const e of all) fs.writeFileSync(path.join(wfDir, e.file), JSON.stringify(forCli(e)));
	for (const workflow of LIVE.flatMap((m) => m.workflows))
		fs.writeFileSync(path.join(wfDir, `live-${workflow.id}.json`), JSON.stringify(workflow));
	await check('import the example workflows and the sandbox credentials', async () => {
		await local.mustRun(rt.nodeBin, [rt.n8nBin, 'import:credentials', `--input=${credsFile}`], {
			env,
			timeoutMs: 120000,
		});
		await local.mustRun(
			rt.nodeBin,
			[rt.n8nBin, 'import:workflow', '--separate', `--input=${wfDir}`],
			{ env, timeoutMs: 120000 },
		);
		const list = await local.mustRun(rt.nodeBin, [rt.n8nBin, 'list:workflow'], {
			env,
			timeoutMs: 120000,
		});
		for (const e of all)
			assert(list.stdout.includes(`${e.workflow.id}|`), `${e.workflow.id} not imported`);
	});

	for (const e of crm) {
		await check(`n8n execute examples/${e.file}`, async () => {
			sandbox.reset();
			const srv = sandbox.servers[e.vendor];
			const view = SANDBOX_VIEW[e.vendor];
			const r = await local.n8nCli(rt, env, ['execute', `--id=${e.workflow.id}`], {
				logFile: path.join(RESULTS, `execute-${path.basename(e.file, '.json')}.log`),
			});
			const run = local.parseExecuteOutput(r.stdout);
			const error = run?.data?.resultData?.error;
			assert(
				r.status === 0 && run && !error,
				`execute failed (exit ${r.status}): ${error ? `${error.message} ${error.description ?? ''}` : r.stderr.slice(-600) || r.stdout.slice(-600)}`,
			);
			assertEqual(run.status, 'success', 'run status');

			const events = EVENTS[e.kind];
			const out = outputOf(run, NAMES.result);
			assert(out, `no output from "${NAMES.result}"`);
			assertEqual(
				out.map((i) => i.crmId),
				events.map((ev) => ev.crmId),
				`"${NAMES.result}" crmIds`,
			);
			const conversations = srv.state.conversations;
			assertEqual(conversations.length, events.length, 'conversations the sandbox created');
			const outIds = out.map((i) => String(i.conversationId));
			const created = outIds.map((id) => conversations.find((c) => view.id(c) === id));
			assert(
				created.every(Boolean),
				`output conversation IDs ${outIds.join(', ')} are not the sandbox's (${conversations.map(view.id).join(', ')})`,
			);
			const createOut = outputOf(run, NAMES.create).map((i) => String(i.conversationId));
			assertEqual(createOut, outIds, `"${NAMES.create}" conversation IDs`);

			events.forEach((ev, i) => {
				const c = created[i];
				const expectedContact = e.vendor === 'liveperson' ? ev.crmId : ev.email;
				assertEqual(view.contact(c, srv), expectedContact, `contact of conversation ${outIds[i]}`);
				const texts = view.texts(srv, c).filter(Boolean).join(' | ');
				const followUp = ['intercom', 'chatwoot', 'liveperson'].includes(e.vendor)
					? ev.crmId
					: ev.deal;
				assert(
					texts.includes(followUp),
					`conversation ${outIds[i]} has no follow-up message with "${followUp}" (has: ${texts})`,
				);
				assert(
					String(out[i].note).includes(outIds[i]) && String(out[i].note).includes(ev.email),
					`note "${out[i].note}" lacks the ID or the e-mail`,
				);
			});
			if (e.vendor === 'chatwoot') {
				assertEqual(
					created.map((c) => c.custom_attributes.crm_id),
					events.map((ev) => ev.crmId),
					'Chatwoot custom_attributes.crm_id',
				);
			}
		});
	}
}

// ---------------------------------------------------------------- 3: the editor in Chromium
/** Values for the required fields (and a little more) of each node's Create operation. */
const EDITOR_FILL = {
	intercom: { contactEmail: 'jane.doe@example.com', body: 'Hello from the n8n editor' },
	userdesk: { userName: 'Editor Test', userEmail: 'editor.test@example.com' },
	chatwoot: { message: 'Hello from the n8n editor' },
	socialboards: { authorEmail: 'editor.test@example.com', authorName: 'Editor Test' },
	liveperson: {
		externalConsumerId: 'editor-consumer-1',
		firstMessage: 'Hello from the n8n editor',
	},
};

/** The properties the editor shows for `params` (displayOptions.show/hide against the values). */
function visibleProperties(description, params) {
	const matches = (cond, value) =>
		cond.some((c) => (c && typeof c === 'object' && '_cnd' in c ? false : c === value));
	return description.properties.filter((p) => {
		const show = p.displayOptions?.show ?? {};
		const hide = p.displayOptions?.hide ?? {};
		return (
			Object.entries(show).every(([k, v]) => k.startsWith('@') || matches(v, params[k])) &&
			!Object.entries(hide).some(([k, v]) => !k.startsWith('@') && matches(v, params[k]))
		);
	});
}

/** Default parameter values the editor starts with for resource/operation. */
function defaultParams(description, resource, operation) {
	const params = { resource, operation };
	for (let pass = 0; pass < 3; pass++) {
		for (const p of visibleProperties(description, params))
			if (!(p.name in params) && p.type !== 'notice') params[p.name] = p.default;
	}
	return params;
}

async function browserPhase(rt, work, sandbox) {
	const { chromium } = require('playwright-core');
	assert(fs.existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install -y chromium`);
	// The user folder of the CLI phase: the package, the credentials and the examples are in it.
	const userFolder = path.join(work, 'cli');
	const webhookExample = examples().find((e) => e.vendor === 'chatwoot' && e.kind === 'webhook');

	// The webhook examples go live (n8n 2.x "Publish"), so a CRM's POST starts them.
	const webhookExamples = examples().filter((e) => e.kind === 'webhook');
	const cliEnv = runtime.n8nEnv(userFolder, { N8N_PORT: String(await runtime.freePort()) });
	for (const e of [
		...webhookExamples,
		...LIVE.flatMap((m) => m.workflows).map((workflow) => ({ workflow })),
		...examples().filter((e) => LIVE.some((m) => m.publish?.includes(e.workflow.id))),
	]) {
		await local.mustRun(rt.nodeBin, [rt.n8nBin, 'publish:workflow', `--id=${e.workflow.id}`], {
			env: cliEnv,
			timeoutMs: 120000,
		});
	}
	const port = await runtime.freePort();
	const n8n = await local.startN8n(rt, {
		userFolder,
		port,
		logFile: path.join(RESULTS, 'n8n-editor.log'),
		onProgress: log,
	});
	let context;
	let profile;
	try {
		await local.setupOwner(n8n.url);
		// first, before any check resets the sandbox: n8n registered the triggers' webhooks on start
		for (const m of LIVE) await m.run(n8n, sandbox);
		profile = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-chromium-')); // a new, empty --user-data-dir
		context = await chromium.launchPersistentContext(profile, {
			executablePath: CHROMIUM,
			headless: true,
			viewport: { width: 1360, height: 820 },
			args: [
				'--headless',
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
			],
			timeout: 60000,
		});
		context.setDefaultTimeout(30000);
		const page = context.pages()[0] || (await context.newPage());
		page.on('dialog', (d) => d.accept().catch(() => {}));
		const byId = (id) => page.locator(`[data-test-id="${id}"]`);
		fs.mkdirSync(SHOTS, { recursive: true });

		await check('editor: sign in as the owner', async () => {
			await page.goto(`${n8n.url}/signin`);
			await page.fill('#emailOrLdapLoginId', OWNER.email);
			await page.fill('#password', OWNER.password);
			await page.getByRole('button', { name: 'Sign in' }).click();
			await page.waitForURL(/\/home\//, { timeout: 30000 });
		});

		await check('editor: Settings → Community Nodes lists the package', async () => {
			await page.goto(`${n8n.url}/settings/community-nodes`);
			await page.getByText(pkg.name, { exact: false }).first().waitFor({ timeout: 30000 });
		});

		// The credential's Test button (what the editor calls), against the sandbox: each passes with the
		// sandbox's values, and a wrong secret fails with a message that names the field to fix.
		const WRONG_SECRET = {
			intercomConversationsApi: ['accessToken', /Access Token/],
			userdeskConversationsApi: ['apiKey', /API Key/],
			chatwootConversationsApi: ['apiAccessToken', /User Access Token/],
			socialBoardsConversationsApi: ['refreshToken', /Refresh Token/],
			livePersonConversationsApi: ['clientSecret', /Client Secret/],
		};
		await check(
			'credentials: every Test button passes against the sandbox; a wrong secret names its field',
			async () => {
				const cookie = await local.login(n8n.url);
				const test = async (credential) => {
					const r = await local.request(`${n8n.url}/rest/credentials/test`, {
						method: 'POST',
						headers: { cookie },
						body: { credentials: credential },
					});
					assertEqual(
						r.status,
						200,
						`POST /rest/credentials/test for ${credential.type} (${r.text.slice(0, 200)})`,
					);
					return r.json.data;
				};
				const problems = [];
				for (const credential of local.sandboxCredentials(sandbox.servers)) {
					const wrong = WRONG_SECRET[credential.type];
					if (!wrong) continue;
					const good = await test(credential);
					if (good.status !== 'OK')
						problems.push(
							`${credential.type} Test with the sandbox's values: ${good.status} "${good.message}"`,
						);
					const secret = 'wrong-secret-value-1234';
					const bad = await test({
						...credential,
						data: { ...credential.data, accessToken: '', appJwt: '', [wrong[0]]: secret },
					});
					if (
						bad.status !== 'Error' ||
						!wrong[1].test(bad.message) ||
						bad.message.includes(secret)
					) {
						problems.push(
							`${credential.type} Test with a wrong ${wrong[0]}: ${bad.status} "${bad.message}" (must fail, name ${wrong[1]}, not repeat the secret)`,
						);
					}
				}
				assert(problems.length === 0, problems.join('; '));
			},
		);

		for (const e of webhookExamples) {
			await check(
				`webhook: a CRM POST to the published examples/${e.file} opens a conversation`,
				async () => {
					sandbox.reset();
					const srv = sandbox.servers[e.vendor];
					const view = SANDBOX_VIEW[e.vendor];
					const webhook = e.workflow.nodes.find((n) => n.name === NAMES.webhook);
					const event = {
						event: 'deal.won',
						deal: { id: 'D-2001', title: 'Webhook plan' },
						contact: {
							id: `crm-webhook-${e.vendor}`,
							email: `webhook.${e.vendor}@example.com`,
							firstName: 'Web',
							lastName: 'Hook',
						},
					};
					const url = `${n8n.url}/webhook/${webhook.parameters.path}`;
					// Header Auth: a POST without the secret, or with a wrong one, is refused and starts nothing.
					const anonymous = await local.request(url, { method: 'POST', body: event });
					const wrong = await local.request(url, {
						method: 'POST',
						body: event,
						headers: { [WEBHOOK_AUTH.header]: 'guess' },
					});
					assertEqual(anonymous.status, 403, `POST without ${WEBHOOK_AUTH.header} status`);
					assertEqual(wrong.status, 403, `POST with a wrong ${WEBHOOK_AUTH.header} status`);
					const r = await local.request(url, {
						method: 'POST',
						body: event,
						headers: { [WEBHOOK_AUTH.header]: WEBHOOK_AUTH.value },
					});
					assertEqual(
						r.status,
						200,
						`POST /webhook/${webhook.parameters.path} status (${r.text.slice(0, 200)})`,
					);
					const followUp = ['intercom', 'chatwoot', 'liveperson'].includes(e.vendor)
						? event.contact.id
						: event.deal.title;
					const deadline = Date.now() + 30000;
					let texts = '';
					while (Date.now() < deadline) {
						const c = srv.state.conversations[0];
						texts = c ? view.texts(srv, c).filter(Boolean).join(' | ') : '';
						if (texts.includes(followUp)) break;
						await new Promise((res) => setTimeout(res, 300));
					}
					assertEqual(srv.state.conversations.length, 1, 'conversations the sandbox created');
					const expectedContact =
						e.vendor === 'liveperson' ? event.contact.id : event.contact.email;
					assertEqual(
						view.contact(srv.state.conversations[0], srv),
						expectedContact,
						'contact of the conversation',
					);
					assert(
						texts.includes(followUp),
						`no follow-up message with "${followUp}" (has: ${texts})`,
					);
				},
			);
		}

		for (const node of packageNodes().filter((n) => !n.trigger)) {
			const { vendor, description } = node;
			const srv = sandbox.servers[vendor];
			const view = SANDBOX_VIEW[vendor];
			const create = description.properties.find(
				(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes('conversation'),
			);
			const createOption = create.options.find((o) => o.value === 'create');
			await check(
				`editor: ${description.displayName}: add, check parameters, execute, screenshot`,
				async () => {
					sandbox.reset();
					await page.goto(`${n8n.url}/workflow/new`);
					await byId('node-creator-plus-button').click();
					await page.keyboard.type(description.displayName);
					// exactly this name: "Chatwoot Conversations Trigger" is listed too
					await byId('node-creator-item-name')
						.filter({ hasText: new RegExp(`^\\s*${description.displayName}\\s*$`) })
						.first()
						.click();
					const action = byId('node-creator-item-name')
						.filter({ hasText: createOption.action })
						.first();
					// a vendor with a trigger node too: a new workflow lists its triggers and folds the actions
					await page.waitForTimeout(500);
					if (!(await action.isVisible()))
						await byId('node-creator-category-item')
							.filter({ hasText: /^\s*Actions/ })
							.first()
							.click();
					await action.click();
					const ndv = byId('ndv');
					await ndv.waitFor();
					await byId('node-parameters').waitFor();

					// the credential of this vendor is picked, the operations and required fields show
					const credential = SANDBOX_CREDENTIALS[vendor].name;
					await page
						.waitForFunction(
							(name) =>
								[
									...document.querySelectorAll('[data-test-id="node-credentials-select"] input'),
								].some((i) => i.value === name),
							credential,
							{ timeout: 10000 },
						)
						.catch(() => {
							throw new Error(`the credential "${credential}" is not selected`);
						});
					await byId('parameter-input-operation').click();
					const items = page.locator('.el-select-dropdown__item:visible');
					await items
						.first()
						.waitFor({ timeout: 10000 })
						.catch(() => {
							throw new Error('the Operation dropdown did not open');
						});
					const shown = await items.evaluateAll((els) =>
						els.map((e) => e.innerText.trim().split('\n')[0]),
					);
					await page.keyboard.press('Escape');
					await items
						.first()
						.waitFor({ state: 'hidden', timeout: 5000 })
						.catch(() => {});
					for (const o of create.options)
						assert(
							shown.includes(o.name),
							`operation "${o.name}" not in the dropdown (${shown.join(', ')})`,
						);
					const params = defaultParams(description, 'conversation', 'create');
					const required = visibleProperties(description, params).filter((p) => p.required);
					const labels = await byId('node-parameters')
						.locator('[data-test-id="input-label"]')
						.evaluateAll((els) => els.map((e) => e.innerText.trim().split('\n')[0]));
					for (const p of required)
						assert(
							labels.includes(p.displayName),
							`required field "${p.displayName}" not shown (${labels.join(', ')})`,
						);
					for (const p of required)
						assert(
							EDITOR_FILL[vendor][p.name] !== undefined,
							`no test value for required field ${p.name}`,
						);

					for (const [name, value] of Object.entries(EDITOR_FILL[vendor])) {
						const input = byId(`parameter-input-${name}`).locator('input, textarea').first();
						await input.fill(value);
					}
					await page.waitForTimeout(500);
					await byId('node-execute-button').click();
					const output = byId('output-panel');
					await output
						.getByText('conversationId', { exact: true })
						.first()
						.waitFor({ timeout: 30000 })
						.catch(async () => {
							throw new Error(
								`no conversationId in the output: ${(await output.innerText().catch(() => '')).replace(/\s+/g, ' ').slice(0, 400)}`,
							);
						});
					assertEqual(srv.state.conversations.length, 1, 'conversations the sandbox created');
					const id = view.id(srv.state.conversations[0]);
					const text = await output.innerText();
					assert(text.includes(id), `the output does not show the sandbox's conversation ID ${id}`);
					await page.mouse.move(5, 5);
					const file = `${vendor}.png`;
					await page.screenshot({ path: path.join(SHOTS, file) });
					await byId('ndv-close-button').click();
				},
			);
		}

		// Each trigger node: added from the node creator, its parameters shown, a screenshot. For a trigger
		// that registers its own webhook (Chatwoot), "Listen for test event" registers the test URL
		// and a signed delivery to it shows up as the node's output.
		for (const node of packageNodes().filter((n) => n.trigger)) {
			const { vendor, description } = node;
			await check(
				`editor: ${description.displayName}: add, listen for a test event, screenshot`,
				async () => {
					sandbox.reset();
					await page.goto(`${n8n.url}/workflow/new`);
					await byId('node-creator-plus-button').click();
					await page.keyboard.type(description.displayName);
					// n8n lists a vendor's trigger under the app's entry, as "On <event>" actions (one per
					// option of an events parameter, else "On new … event"): open the app, pick the first
					await page.waitForTimeout(500);
					const names = byId('node-creator-item-name');
					const exact = names.filter({
						hasText: new RegExp(`^\\s*${description.displayName}\\s*$`),
					});
					if (await exact.first().isVisible()) await exact.first().click();
					else {
						const app = description.displayName.replace(/ Trigger$/, '');
						await names
							.filter({ hasText: new RegExp(`^\\s*${app}\\s*$`) })
							.first()
							.click();
						await names
							.filter({ hasText: /^\s*On / })
							.first()
							.waitFor({ timeout: 10000 })
							.catch(() => {});
						// a message event when the trigger has one (the check below delivers a message)
						const onMessage = names.filter({ hasText: /^\s*On (New )?Message/i });
						const onEvent = (await onMessage.count())
							? onMessage
							: names.filter({ hasText: /^\s*On / });
						await onEvent
							.first()
							.waitFor({ timeout: 10000 })
							.catch(async () => {
								const shown = await names.evaluateAll((els) => els.map((e) => e.innerText.trim()));
								throw new Error(`no "On …" trigger action under ${app}: ${shown.join(' | ')}`);
							});
						await onEvent.first().click();
					}
					const ndv = byId('ndv');
					await ndv.waitFor();
					await byId('node-parameters').waitFor();
					const labels = await byId('node-parameters')
						.locator('[data-test-id="input-label"]')
						.evaluateAll((els) => els.map((e) => e.innerText.trim().split('\n')[0]));
					for (const p of description.properties.filter((q) => q.required && !q.displayOptions))
						assert(
							labels.includes(p.displayName),
							`required field "${p.displayName}" not shown (${labels.join(', ')})`,
						);
					const srv = sandbox.servers[vendor];
					if (vendor === 'chatwoot') {
						await byId('node-execute-button').click();
						await waitFor(
							() => srv.state.webhooks.some((h) => h.url.includes('/webhook-test/')),
							30000,
						);
						const hook = srv.state.webhooks.find((h) => h.url.includes('/webhook-test/'));
						assert(
							hook,
							`listening registered no test webhook (${JSON.stringify(srv.state.webhooks)})`,
						);
						const api = (p, body) =>
							local.request(`${srv.baseUrl}${p}`, {
								method: 'POST',
								headers: { 'api-access-token': srv.credentials.apiAccessToken },
								body,
							});
						const contact = await api('/api/v1/accounts/1/contacts', {
							inbox_id: 1,
							name: 'Editor Trigger Test',
						});
						const conversation = (
							await api('/api/v1/accounts/1/conversations', {
								inbox_id: 1,
								contact_id: contact.json.payload.contact.id,
								source_id: contact.json.payload.contact_inbox.source_id,
							})
						).json;
						const message = srv.addMessage(conversation.id, 'Test event from the editor (e2e)', 0);
						const [delivery] = await srv.deliver(
							srv.payloadFor('message_created', { messageId: message.id }),
						);
						assertEqual(
							delivery.status,
							200,
							`delivery to the test URL (${delivery.body.slice(0, 200)})`,
						);
						const output = byId('output-panel');
						await output
							.getByText('Test event from the editor (e2e)')
							.first()
							.waitFor({ timeout: 30000 })
							.catch(async () => {
								throw new Error(
									`the test event is not in the output: ${(await output.innerText().catch(() => '')).replace(/\s+/g, ' ').slice(0, 400)}`,
								);
							});
						// after the test event n8n stops listening and removes the test webhook
						await waitFor(
							() => !srv.state.webhooks.some((h) => h.url.includes('/webhook-test/')),
							30000,
						);
						assert(
							!srv.state.webhooks.some((h) => h.url.includes('/webhook-test/')),
							'the test webhook was not removed after the test event',
						);
					}
					await page.mouse.move(5, 5);
					await page.screenshot({ path: path.join(SHOTS, `${vendor}-trigger.png`) });
					await byId('ndv-close-button').click();
				},
			);
		}

		await check('editor: run an example workflow (Chatwoot, webhook) from the canvas', async () => {
			sandbox.reset();
			await page.goto(`${n8n.url}/workflow/${webhookExample.workflow.id}`);
			await byId('canvas-node').first().waitFor();
			// n8n opens its "Production Checklist" over the canvas the first time it shows a published workflow
			const checklist = page.getByText('Production Checklist', { exact: true });
			await checklist.waitFor({ timeout: 3000 }).catch(() => {});
			if (await checklist.isVisible()) {
				await page.keyboard.press('Escape');
				await checklist.waitFor({ state: 'hidden', timeout: 5000 }).catch(() => {});
			}
			// Start from the "Try it" trigger: its own button shows when the pointer is over it.
			await page.locator(`[data-test-id="canvas-node"][data-node-name="${NAMES.manual}"]`).hover();
			await byId(`execute-workflow-button-${NAMES.manual}`).click();
			const last = page.locator(`[data-test-id="canvas-node"][data-node-name="${NAMES.result}"]`);
			await page
				.waitForFunction(
					(name) =>
						document
							.querySelector(`[data-test-id="canvas-node"][data-node-name="${name}"]`)
							?.innerText.includes('1 item'),
					NAMES.result,
					{ timeout: 60000 },
				)
				.catch(async () => {
					throw new Error(
						`"${NAMES.result}" did not run: ${(await last.innerText()).replace(/\s+/g, ' ')}`,
					);
				});
			assertEqual(
				sandbox.servers.chatwoot.state.conversations.length,
				1,
				'conversations the sandbox created',
			);
			await page.mouse.click(900, 260); // an empty spot of the canvas: the hovered trigger's button goes away
			await page.waitForTimeout(500);
			await page.screenshot({ path: path.join(SHOTS, 'example-workflow.png') });
		});
	} finally {
		if (context) {
			const page = context.pages()[0];
			if (results.failed && page)
				await page.screenshot({ path: path.join(RESULTS, 'last-page.png') }).catch(() => {});
			await context.close().catch(() => {});
		}
		if (profile) fs.rmSync(profile, { recursive: true, force: true });
		await n8n.stop();
	}
}

// ---------------------------------------------------------------- main
async function main() {
	const t0 = Date.now();
	fs.rmSync(RESULTS, { recursive: true, force: true });
	fs.mkdirSync(RESULTS, { recursive: true });
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-'));
	let sandbox;
	try {
		log(
			`n8n ${runtime.N8N_VERSION} on Node ${runtime.NODE_VERSION} (cold: ~5-9 min, then cached in .cache/n8n-runtime)`,
		);
		const rt = await runtime.ensureRuntime({ onProgress: (m) => log(`  ${m}`) });
		const tgz = await local.buildAndPack({
			outDir: path.join(work, 'pack'),
			onProgress: (m) => log(`  ${m}`),
		});
		sandbox = await local.startSandbox({ basePort: 0 });
		await cliPhase(rt, work, tgz, sandbox);
		if (args.has('--skip-browser')) log('--skip-browser: the editor checks are skipped');
		else await browserPhase(rt, work, sandbox);
		if (args.has('--update-screenshots') && fs.existsSync(SHOTS)) {
			fs.mkdirSync(README_SHOTS, { recursive: true });
			for (const f of fs.readdirSync(SHOTS))
				fs.copyFileSync(path.join(SHOTS, f), path.join(README_SHOTS, f));
			log(`screenshots copied to ${path.relative(REPO_ROOT, README_SHOTS)}/`);
		}
	} catch (error) {
		results.failed++;
		results.failures.push(error.message);
		log(`FAIL ${error.stack || error.message}`);
	} finally {
		if (sandbox) await sandbox.close();
		fs.rmSync(work, { recursive: true, force: true });
	}
	log(
		`finished in ${((Date.now() - t0) / 1000).toFixed(0)}s; logs and screenshots in ${path.relative(REPO_ROOT, RESULTS)}/`,
	);
	if (results.failures.length) console.log(`\nFailures:\n- ${results.failures.join('\n- ')}`);
	console.log(`e2e: ${results.passed} passed, ${results.failed} failed`);
	process.exit(results.failed ? 1 : 0);
}

const watchdog = setTimeout(() => {
	console.error(`e2e: no end after ${TOTAL_TIMEOUT_MS / 60000} min; stopping`);
	console.log(`e2e: ${results.passed} passed, ${results.failed + 1} failed`);
	process.exit(1);
}, TOTAL_TIMEOUT_MS);
watchdog.unref();
for (const sig of ['SIGINT', 'SIGTERM'])
	process.on(sig, () => {
		console.error(`e2e: ${sig}`);
		process.exit(130);
	});
main();
