#!/usr/bin/env node
'use strict';
/*
 * End-to-end: the five packages of index.js in a real n8n 2.41.1 (scripts/n8n-runtime.js), against
 * the vendor sandbox.
 *   npm run test:e2e [-- --update-screenshots] [--skip-browser] [--skip-together] [--skip-alone]
 *                    [--skip-peers]
 * All five together, in one n8n user folder:
 * 1. builds once and packs the five packages, installs the tarballs the way the Community Nodes
 *    panel does, and checks that `n8n export:nodes` lists every node and its Tool;
 * 2. imports the example workflows (examples/) and a sandbox credential per vendor, runs every
 *    example with `n8n execute`, and checks what the sandbox received and what the workflow output;
 * 3. starts n8n: the live checks (triggers, AI agent, published examples), what n8n loaded (REST),
 *    the credentials' Test button; opens the editor in headless Chromium (Debian's /usr/bin/chromium
 *    through playwright-core), adds each node to a new workflow, checks its operations and required
 *    fields, executes it against the sandbox and saves a screenshot (test-results/e2e/screenshots;
 *    with --update-screenshots also docs/screenshots, the README's pictures); picks a Chatwoot inbox
 *    and an Intercom admin from their From lists, saves, executes and checks the IDs the sandbox got
 *    (live/editor-pick.js).
 * Each package alone (five fresh user folders, a sandbox of that vendor only): 1 and 2 for its
 * examples, no other vendor's node loaded; then one n8n start: its live checks, its credential
 * type alone, its Test button, its published webhook example.
 * Beside others' packages (a fresh user folder): the five with @devlikeapro/n8n-nodes-chatwoot from
 * the npm registry (cached in .cache/n8n-peers) and n8n's own Intercom node: every credential type
 * name once, every package with all its nodes, no clash in n8n's log, our examples still run.
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

const { REPO_ROOT, OWNER, runtime, registry } = local;
const CHROMIUM = '/usr/bin/chromium';
const RESULTS = path.join(REPO_ROOT, 'test-results', 'e2e');
const SHOTS = path.join(RESULTS, 'screenshots');
const README_SHOTS = path.join(REPO_ROOT, 'docs', 'screenshots');
const TOTAL_TIMEOUT_MS = 30 * 60 * 1000;
const args = new Set(process.argv.slice(2));
const lib = require('./lib');
const { log, results, setPrefix, check, assert, assertEqual, waitFor, SANDBOX_VIEW } = lib;
/**
 * Live checks against a running n8n (triggers, AI), one module each, with the vendor whose package
 * they need: `workflows` (test workflows to import and publish), `publish` (IDs of examples/
 * workflows to publish), `credentials` (more credentials to import, optional) and `run(n8n, sandbox)`;
 * optionally `editor({ page, n8n, sandbox, shots })`, run in the editor checks of all five together
 * (a signed-in Chromium page), and `sandboxOptions` for the sandbox of all five together.
 */
const LIVE = [
	['chatwoot', './live/chatwoot-trigger'],
	['chatwoot', './live/chatwoot-triage'],
	['intercom', './live/intercom-trigger'],
	['intercom', './live/intercom-triage'],
	['socialboards', './live/socialboards-close'],
	['socialboards', './live/socialboards-trigger'],
	['liveperson', './live/liveperson-trigger'],
	['chatwoot', './live/ai-agent'],
	['liveperson', './live/liveperson-vip'],
	['chatwoot', './live/editor-pick'],
].map(([vendor, file]) => ({ vendor, ...require(file) }));

/**
 * Others' packages that users install beside ours: a much-installed Chatwoot community package,
 * whose credential type is named like the vendor (chatwootApi), from the npm registry, pinned
 * (`npm install --ignore-scripts` once into .cache/n8n-peers); and n8n's own Intercom node
 * (n8n-nodes-base.intercom, credential intercomApi), always there.
 */
const PEERS = [
	{ name: '@devlikeapro/n8n-nodes-chatwoot', version: '1.0.2', credential: 'chatwootApi' },
];
const BUILT_IN = [{ type: 'n8n-nodes-base.intercom', credential: 'intercomApi' }];

/** Lines of n8n's log that would mean two packages got in each other's way. */
const CLASH_IN_LOG =
	/already (loaded|registered)|failed to load|could not load|unrecognized (node|credential) type|duplicate|clash/i;

/** The built class a package file exports, instantiated (node or credential). */
function instanceOf(pkg, file) {
	const mod = require(path.join(pkg.dir, file));
	return new (Object.values(mod)[0])();
}

/** The node types of these packages, read from the built files: [{vendor, packageName, type, name, description, trigger}]. */
function packageNodes(packages = registry.packages) {
	return packages.flatMap((p) =>
		p.manifest.n8n.nodes.map((file) => {
			const { description } = instanceOf(p, file);
			const trigger = description.group.includes('trigger');
			return {
				vendor: p.vendor,
				packageName: p.name,
				type: `${p.name}.${description.name}`,
				name: description.name,
				description,
				trigger,
			};
		}),
	);
}

/** The credential type names a package defines (its built files). */
function packageCredentials(pkg) {
	return pkg.manifest.n8n.credentials.map((file) => instanceOf(pkg, file).name);
}

/**
 * What one phase works on: a user folder, the packages installed in it (`packs` of buildAndPack,
 * `peers` from the npm registry), the ones that must not be there (`absent`), and its sandbox.
 */
function makePhase(work, { slug, packs, sandbox, peers = [] }) {
	const dir = path.join(work, slug);
	const installed = registry.packages.filter((p) => packs.some((q) => q.name === p.name));
	return {
		slug,
		logPrefix: slug === 'cli' ? '' : `${slug}-`,
		dir,
		folder: dir,
		packs,
		peers,
		packages: installed,
		absent: registry.packages.filter((p) => !installed.includes(p)),
		vendors: installed.map((p) => p.vendor),
		examples: examples().filter((e) => installed.some((p) => p.vendor === e.vendor)),
		sandbox,
	};
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
/**
 * Installs the phase's packages into its user folder like the Community Nodes panel (ours from
 * their tarballs, peers from the npm registry) and checks the rows and the ledger n8n keeps.
 */
async function installCheck(phase) {
	const names = [...phase.packages.map((p) => p.name), ...phase.peers.map((p) => p.name)];
	await check(
		`install ${phase.packs.length === 1 ? 'the packed tarball' : `the ${phase.packs.length} packed tarballs`}${phase.peers.length ? ` and ${phase.peers.map((p) => `${p.name}@${p.version}`).join(', ')} (npm registry)` : ''} like the Community Nodes panel`,
		async () => {
			const installed = await local.installPacks(phase.folder, phase.packs);
			for (const [i, pkg] of phase.packages.entries()) {
				assertEqual(installed[i].packageName, pkg.name, 'package name');
				assertEqual(
					installed[i].nodes.map((n) => n.type).sort(),
					packageNodes([pkg])
						.map((n) => n.type)
						.sort(),
					`installed_nodes rows of ${pkg.name}`,
				);
			}
			for (const peer of phase.peers) {
				const r = await runtime.installRegistryPackage(phase.folder, peer.name, peer.version);
				log(
					`  ${peer.name}@${peer.version}: ${r.downloaded ? 'downloaded from the npm registry' : 'from .cache/n8n-peers'}; nodes ${r.nodes.map((n) => n.type).join(', ')}`,
				);
				assert(r.nodes.length > 0, `${peer.name} has no nodes`);
				peer.nodeTypes = r.nodes.map((n) => n.type);
			}
			const ledger = JSON.parse(
				fs.readFileSync(path.join(phase.folder, '.n8n', 'nodes', 'package.json'), 'utf8'),
			);
			assertEqual(
				Object.keys(ledger.dependencies).sort(),
				names.sort(),
				'nodes/package.json dependencies',
			);
			for (const pkg of phase.packages)
				assertEqual(
					ledger.dependencies[pkg.name],
					pkg.version,
					`${pkg.name} in nodes/package.json`,
				);
		},
	);
}

/**
 * `n8n export:nodes`: every node of the phase's packages and, for an action node, its AI Agent Tool
 * (`<node>Tool`), with their credentials; no node of the packages that are not installed; the
 * peers' and n8n's own nodes (BUILT_IN) with their credentials. Keeps the list in phase.exported.
 */
async function exportNodesCheck(rt, phase) {
	const title = [
		'n8n export:nodes lists every node and its Tool variant',
		phase.absent.length ? ", and no other vendor's node" : '',
		phase.peers.length
			? `, beside ${[...BUILT_IN.map((b) => b.type), ...phase.peers.map((p) => p.name)].join(' and ')}`
			: '',
	].join('');
	await check(title, async () => {
		const out = path.join(phase.dir, 'nodes.json');
		await local.mustRun(rt.nodeBin, [rt.n8nBin, 'export:nodes', `--output=${out}`], {
			env: phase.env,
			timeoutMs: 180000,
			logFile: path.join(RESULTS, `${phase.logPrefix}export-nodes.log`),
		});
		const exported = new Map(JSON.parse(fs.readFileSync(out, 'utf8')).map((n) => [n.name, n]));
		phase.exported = exported;
		for (const n of packageNodes(phase.packages)) {
			const { type } = n;
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
		const strays = [...exported.keys()].filter((type) =>
			phase.absent.some((p) => type.startsWith(`${p.name}.`)),
		);
		assert(strays.length === 0, `nodes of packages that are not installed: ${strays.join(', ')}`);
		const expected = [
			...BUILT_IN,
			...phase.peers.flatMap((p) =>
				p.nodeTypes.map((type) => ({ type, credential: p.credential })),
			),
		];
		if (!phase.peers.length) return; // n8n's own nodes are checked beside the peers
		for (const { type, credential } of expected) {
			const node = exported.get(type);
			assert(node, `${type} is missing`);
			assert(
				(node.credentials ?? []).some((c) => c.name === credential),
				`${type} has no ${credential} credential (${(node.credentials ?? []).map((c) => c.name).join(', ')})`,
			);
		}
	});
}

/**
 * A phase's user folder: the sandbox credentials and the examples of its vendors imported, its
 * packages installed and checked (installCheck, exportNodesCheck), then every CRM example of
 * `executeKinds` run with `n8n execute` against the sandbox.
 * `listWorkflows`: also check the import with `n8n list:workflow` (one more n8n start).
 */
async function cliPhase(
	rt,
	phase,
	{ executeKinds = ['webhook', 'pipedrive'], listWorkflows = true } = {},
) {
	const { sandbox } = phase;
	fs.mkdirSync(phase.folder, { recursive: true });
	phase.env = runtime.n8nEnv(phase.folder, { N8N_PORT: String(await runtime.freePort()) });
	const env = phase.env;

	// Imported first: n8n's migrations create the database then, which installing needs for its rows
	// (otherwise installing starts n8n once more, `n8n list:workflow`, only to create it).
	const live = LIVE.filter((m) => phase.vendors.includes(m.vendor));
	const credsFile = path.join(phase.dir, 'credentials.json');
	fs.writeFileSync(
		credsFile,
		JSON.stringify([
			...local.sandboxCredentials(sandbox.servers),
			...live.flatMap((m) => m.credentials ?? []),
		]),
	);
	const wfDir = path.join(phase.dir, 'workflows');
	fs.mkdirSync(wfDir, { recursive: true });
	const all = phase.examples;
	const crm = all.filter((e) => executeKinds.includes(e.kind));
	for (const e of all) fs.writeFileSync(path.join(wfDir, e.file), JSON.stringify(forCli(e)));
	for (const workflow of live.flatMap((m) => m.workflows))
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
		if (!listWorkflows) return; // `n8n execute` and publishing find them, or fail
		const list = await local.mustRun(rt.nodeBin, [rt.n8nBin, 'list:workflow'], {
			env,
			timeoutMs: 120000,
		});
		for (const e of all)
			assert(list.stdout.includes(`${e.workflow.id}|`), `${e.workflow.id} not imported`);
	});
	await installCheck(phase);
	await exportNodesCheck(rt, phase);

	for (const e of crm) {
		await check(`n8n execute examples/${e.file}`, async () => {
			sandbox.reset();
			const srv = sandbox.servers[e.vendor];
			const view = SANDBOX_VIEW[e.vendor];
			const r = await local.n8nCli(rt, env, ['execute', `--id=${e.workflow.id}`], {
				logFile: path.join(
					RESULTS,
					`${phase.logPrefix}execute-${path.basename(e.file, '.json')}.log`,
				),
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

// ---------------------------------------------------------------- 3: n8n running
/** Per credential type: the secret field a wrong value is put in, and what the failure must name. */
const WRONG_SECRET = {
	intercomConversationsApi: ['accessToken', /Access Token/],
	userdeskConversationsApi: ['apiKey', /API Key/],
	chatwootConversationsApi: ['apiAccessToken', /User Access Token/],
	socialBoardsConversationsApi: ['refreshToken', /Refresh Token/],
	livePersonConversationsApi: ['clientSecret', /Client Secret/],
};
/**
 * The credential's Test button (what the editor calls), against the sandbox: each of the sandbox's
 * credentials passes with its values, and a wrong secret fails with a message that names the field.
 */
async function credentialTestCheck(n8n, sandbox) {
	await check(
		`credentials: ${Object.keys(sandbox.servers).length === 1 ? 'the' : 'every'} Test button passes against the sandbox; a wrong secret names its field`,
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
				if (bad.status !== 'Error' || !wrong[1].test(bad.message) || bad.message.includes(secret)) {
					problems.push(
						`${credential.type} Test with a wrong ${wrong[0]}: ${bad.status} "${bad.message}" (must fail, name ${wrong[1]}, not repeat the secret)`,
					);
				}
			}
			assert(problems.length === 0, problems.join('; '));
		},
	);
}

/** A CRM's POST to the published webhook example `e` (Header Auth) opens one conversation in the sandbox. */
async function webhookExampleCheck(n8n, sandbox, e) {
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
			// n8n can register a webhook a moment after it answered the activation (seen beside the
			// peers' packages): until then the refused POST gets 404, so it is sent again for up to 10 s.
			let anonymous;
			for (const started = Date.now(); ; await new Promise((r) => setTimeout(r, 250))) {
				anonymous = await local.request(url, { method: 'POST', body: event });
				if (anonymous.status !== 404 || Date.now() - started > 10000) break;
			}
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
			const expectedContact = e.vendor === 'liveperson' ? event.contact.id : event.contact.email;
			assertEqual(
				view.contact(srv.state.conversations[0], srv),
				expectedContact,
				'contact of the conversation',
			);
			assert(texts.includes(followUp), `no follow-up message with "${followUp}" (has: ${texts})`);
		},
	);
}

/**
 * What a phase publishes so that a CRM's POST or a vendor's event starts it: the webhook examples
 * and the live modules' workflows of its vendors.
 */
function toPublish(phase) {
	const live = LIVE.filter((m) => phase.vendors.includes(m.vendor));
	return [
		...phase.examples.filter((x) => x.kind === 'webhook').map((x) => x.workflow.id),
		...live.flatMap((m) => m.workflows).map((workflow) => workflow.id),
		...phase.examples
			.filter((x) => live.some((m) => m.publish?.includes(x.workflow.id)))
			.map((x) => x.workflow.id),
	];
}

/** Publishes toPublish(phase) with `n8n publish:workflow` before n8n starts (n8n activates them at start). */
async function publishWithCli(rt, phase) {
	for (const id of toPublish(phase))
		await local.mustRun(rt.nodeBin, [rt.n8nBin, 'publish:workflow', `--id=${id}`], {
			env: phase.env,
			timeoutMs: 120000,
		});
}

/** `n8n start` on the phase's user folder, with the owner created; its log in phase.logFile. */
async function startPhaseN8n(rt, phase) {
	phase.logFile = path.join(
		RESULTS,
		phase.slug === 'cli' ? 'n8n-editor.log' : `${phase.slug}-n8n.log`,
	);
	const n8n = await local.startN8n(rt, {
		userFolder: phase.folder,
		port: await runtime.freePort(),
		logFile: phase.logFile,
		onProgress: log,
	});
	try {
		await local.setupOwner(n8n.url);
	} catch (error) {
		await n8n.stop();
		throw error;
	}
	return n8n;
}

/** The live modules of the phase's vendors; first, before any check resets the sandbox (n8n registered the triggers' webhooks on start). */
async function liveChecks(n8n, phase) {
	for (const m of LIVE.filter((x) => phase.vendors.includes(x.vendor)))
		await m.run(n8n, phase.sandbox);
}

/**
 * What the running n8n loaded, as the editor gets it (GET /types/credentials.json and
 * /types/nodes.json) and as Settings → Community Nodes lists it (GET /rest/community-packages):
 * every credential type name once (n8n's credential names are global: a second definition is
 * not an error in n8n, the later one silently wins), each of the phase's credential types for its
 * own package's nodes only, every node type of the phase's packages and none of the others', each
 * installed package with all its nodes (installed_nodes is keyed by display name) and loaded, the
 * peers' and n8n's own nodes with their credentials, and no line of n8n's log about a clash.
 */
async function loadedCheck(n8n, phase) {
	const what = phase.peers.length
		? `our ${phase.packages.length} packages beside ${[...BUILT_IN.map((b) => b.type), ...phase.peers.map((p) => p.name)].join(' and ')}`
		: phase.packages.length === 1
			? `${phase.packages[0].name} alone`
			: `the ${phase.packages.length} packages`;
	await check(
		`n8n loaded ${what}: credential and node types (each credential name once), Community Nodes, no clash in its log`,
		async () => {
			const cookie = await local.login(n8n.url);
			const get = async (p) => {
				const r = await local.request(`${n8n.url}${p}`, { headers: { cookie }, timeoutMs: 30000 });
				assertEqual(r.status, 200, `GET ${p} (${r.text.slice(0, 200)})`);
				return r.json;
			};
			const credentials = await get('/types/credentials.json');
			const nodes = new Set((await get('/types/nodes.json')).map((n) => n.name));
			const installed = (await get('/rest/community-packages')).data;
			const problems = [];

			const counts = new Map();
			for (const c of credentials) counts.set(c.name, (counts.get(c.name) || 0) + 1);
			const twice = [...counts].filter(([, n]) => n > 1).map(([name, n]) => `${name} ×${n}`);
			if (twice.length)
				problems.push(`credential types defined more than once: ${twice.join(', ')}`);
			const byName = new Map(credentials.map((c) => [c.name, c]));
			for (const pkg of phase.packages) {
				const own = packageNodes([pkg]).map((n) => n.type);
				for (const name of packageCredentials(pkg)) {
					const supported = byName.get(name)?.supportedNodes ?? [];
					if (!byName.has(name))
						problems.push(`credential type ${name} (${pkg.name}) is not loaded`);
					else if (!supported.length || supported.some((t) => !own.includes(t)))
						problems.push(
							`${name} is for ${supported.join(', ') || 'no node'}, not ${pkg.name}'s nodes`,
						);
				}
				for (const type of own)
					if (!nodes.has(type)) problems.push(`node type ${type} is not loaded`);
			}
			for (const pkg of phase.absent) {
				for (const name of packageCredentials(pkg))
					if (byName.has(name))
						problems.push(`credential type ${name} of ${pkg.name} (not installed) is loaded`);
				const strays = [...nodes].filter((t) => t.startsWith(`${pkg.name}.`));
				if (strays.length)
					problems.push(`${pkg.name} is not installed, yet ${strays.join(', ')} loaded`);
			}
			const others = phase.peers.length
				? [
						...BUILT_IN,
						...phase.peers.flatMap((p) =>
							p.nodeTypes.map((type) => ({ type, credential: p.credential })),
						),
					]
				: [];
			for (const { type, credential } of others) {
				if (!nodes.has(type)) problems.push(`${type} is not loaded`);
				const supported = byName.get(credential)?.supportedNodes ?? [];
				if (!byName.has(credential)) problems.push(`credential type ${credential} is not loaded`);
				else if (!supported.includes(type))
					problems.push(`${credential} is for ${supported.join(', ') || 'no node'}, not ${type}`);
			}

			const expected = [
				...phase.packages.map((p) => ({
					name: p.name,
					nodes: packageNodes([p]).map((n) => n.type),
				})),
				...phase.peers.map((p) => ({ name: p.name, nodes: p.nodeTypes })),
			];
			const listed = installed.map((p) => p.packageName).sort();
			if (JSON.stringify(listed) !== JSON.stringify(expected.map((p) => p.name).sort()))
				problems.push(`Community Nodes lists ${listed.join(', ')}`);
			for (const { name, nodes: types } of expected) {
				const row = installed.find((p) => p.packageName === name);
				if (!row) continue;
				if (row.failedLoading) problems.push(`Community Nodes: ${name} failed loading`);
				const rows = row.installedNodes.map((n) => n.type).sort();
				if (JSON.stringify(rows) !== JSON.stringify([...types].sort()))
					problems.push(
						`Community Nodes: ${name} has nodes ${rows.join(', ') || 'none'}, expected ${types.join(', ')}`,
					);
			}

			const clash = fs
				.readFileSync(phase.logFile, 'utf8')
				.split('\n')
				.filter((line) => CLASH_IN_LOG.test(line));
			if (clash.length) problems.push(`n8n's log: ${clash.slice(0, 5).join(' | ')}`);
			assert(problems.length === 0, problems.join('; '));
			log(
				`  loaded: ${credentials.length} credential types, ${nodes.size} node types, community packages ${listed.join(', ')}`,
			);
		},
	);
}

// ---------------------------------------------------------------- 3: the editor in Chromium (all five together)
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

async function browserPhase(rt, phase) {
	const { chromium } = require('playwright-core');
	assert(fs.existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install -y chromium`);
	// The user folder of the CLI phase: the packages, the credentials and the examples are in it.
	const { sandbox } = phase;
	const webhookExample = examples().find((e) => e.vendor === 'chatwoot' && e.kind === 'webhook');

	// The webhook examples go live (n8n 2.x "Publish"), so a CRM's POST starts them.
	await publishWithCli(rt, phase);
	const n8n = await startPhaseN8n(rt, phase);
	let context;
	let profile;
	try {
		await liveChecks(n8n, phase);
		await loadedCheck(n8n, phase);
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

		await check('editor: Settings → Community Nodes lists the five packages', async () => {
			await page.goto(`${n8n.url}/settings/community-nodes`);
			for (const p of phase.packages)
				await page.getByText(p.name, { exact: false }).first().waitFor({ timeout: 30000 });
		});

		await credentialTestCheck(n8n, sandbox);

		for (const e of phase.examples.filter((x) => x.kind === 'webhook'))
			await webhookExampleCheck(n8n, sandbox, e);

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

		// the live modules' editor checks (pick from a list, execute, check the sandbox)
		for (const m of LIVE.filter((x) => x.editor && phase.vendors.includes(x.vendor)))
			await m.editor({ page, n8n, sandbox, shots: SHOTS });

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

// ---------------------------------------------------------------- 4: each package alone, beside others' packages
/**
 * One package alone in a fresh user folder, with a sandbox of its vendor only: installed, no other
 * vendor's node in export:nodes, its Pipedrive example run with `n8n execute`; then one n8n start:
 * its workflows published, its live checks, what n8n loaded (its credential type, no other's), its
 * Test button, a CRM's POST to its webhook example.
 */
async function alonePhase(rt, work, pack) {
	const sandbox = await local.startSandbox({ basePort: 0, vendors: [pack.vendor] });
	const phase = makePhase(work, {
		slug: `${pack.vendor}-alone`,
		packs: [pack],
		sandbox,
	});
	let n8n;
	try {
		// the webhook example runs below, published, from a CRM's POST: `n8n execute` runs the Pipedrive one
		await cliPhase(rt, phase, { executeKinds: ['pipedrive'], listWorkflows: false });
		n8n = await startPhaseN8n(rt, phase);
		// one REST call each, where `n8n publish:workflow` is an n8n start each (the run of all five uses it)
		await lib.publishOverRest(n8n, await local.login(n8n.url), toPublish(phase));
		await liveChecks(n8n, phase);
		await loadedCheck(n8n, phase);
		await credentialTestCheck(n8n, sandbox);
		for (const e of phase.examples.filter((x) => x.kind === 'webhook'))
			await webhookExampleCheck(n8n, sandbox, e);
	} finally {
		if (n8n) await n8n.stop();
		await sandbox.close();
	}
}

/**
 * The five packages with others' packages that users have beside them (PEERS from the npm registry,
 * n8n's own Intercom node) in a fresh user folder: export:nodes lists everyone's nodes; one n8n
 * start: loadedCheck (each credential type name once, everyone's nodes and credentials, no clash in
 * the log), our credentials' Test buttons, and a CRM's POST to our Chatwoot and Intercom webhook
 * examples.
 */
async function besidePeersPhase(rt, work, packs) {
	const sandbox = await local.startSandbox({ basePort: 0 });
	const phase = makePhase(work, {
		slug: 'beside-peers',
		packs,
		sandbox,
		peers: PEERS.map((p) => ({ ...p })),
	});
	let n8n;
	try {
		await cliPhase(rt, phase, { executeKinds: [], listWorkflows: false });
		n8n = await startPhaseN8n(rt, phase);
		await loadedCheck(n8n, phase);
		await credentialTestCheck(n8n, sandbox);
		// our nodes of the two vendors that have a namesake here still run: the webhook examples, published
		const namesakes = phase.examples.filter(
			(e) => e.kind === 'webhook' && ['chatwoot', 'intercom'].includes(e.vendor),
		);
		await lib.publishOverRest(
			n8n,
			await local.login(n8n.url),
			namesakes.map((e) => e.workflow.id),
		);
		for (const e of namesakes) await webhookExampleCheck(n8n, sandbox, e);
	} finally {
		if (n8n) await n8n.stop();
		await sandbox.close();
	}
}

// ---------------------------------------------------------------- main
const timings = [];
/** Runs one phase: its checks named after it; a failure that ends it early is counted, the next phases still run. */
async function runPhase(label, fn) {
	const t = Date.now();
	const before = { ...results };
	setPrefix(label);
	try {
		await fn();
	} catch (error) {
		results.failed++;
		results.failures.push(`${label ? `[${label}] ` : ''}${error.message}`);
		log(`FAIL ${label ? `[${label}] ` : ''}${error.stack || error.message}`);
	} finally {
		setPrefix('');
	}
	const seconds = (Date.now() - t) / 1000;
	timings.push(
		`${label || 'all five together'}: ${seconds.toFixed(0)} s, ${results.passed - before.passed} passed, ${results.failed - before.failed} failed`,
	);
	log(`phase ${label || 'all five together'} took ${seconds.toFixed(1)}s`);
}

async function main() {
	const t0 = Date.now();
	fs.rmSync(RESULTS, { recursive: true, force: true });
	fs.mkdirSync(RESULTS, { recursive: true });
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-'));
	try {
		log(
			`n8n ${runtime.N8N_VERSION} on Node ${runtime.NODE_VERSION} (cold: ~5-9 min, then cached in .cache/n8n-runtime)`,
		);
		const rt = await runtime.ensureRuntime({ onProgress: (m) => log(`  ${m}`) });
		const packs = await local.buildAndPack({
			outDir: path.join(work, 'pack'),
			onProgress: (m) => log(`  ${m}`),
		});
		if (args.has('--skip-together'))
			log('--skip-together: the checks of all five together are skipped');
		else
			await runPhase('', async () => {
				const sandbox = await local.startSandbox(
					Object.assign({ basePort: 0 }, ...LIVE.map((m) => m.sandboxOptions ?? {})),
				);
				try {
					const phase = makePhase(work, { slug: 'cli', packs, sandbox });
					await cliPhase(rt, phase);
					if (args.has('--skip-browser')) log('--skip-browser: the editor checks are skipped');
					else await browserPhase(rt, phase);
				} finally {
					await sandbox.close();
				}
			});
		if (args.has('--update-screenshots') && fs.existsSync(SHOTS)) {
			fs.mkdirSync(README_SHOTS, { recursive: true });
			for (const f of fs.readdirSync(SHOTS))
				fs.copyFileSync(path.join(SHOTS, f), path.join(README_SHOTS, f));
			log(`screenshots copied to ${path.relative(REPO_ROOT, README_SHOTS)}/`);
		}
		if (args.has('--skip-alone')) log('--skip-alone: the checks of each package alone are skipped');
		else
			for (const pack of packs)
				await runPhase(`${pack.vendor} alone`, () => alonePhase(rt, work, pack));
		if (args.has('--skip-peers'))
			log("--skip-peers: the checks beside others' packages are skipped");
		else await runPhase('beside peers', () => besidePeersPhase(rt, work, packs));
	} catch (error) {
		results.failed++;
		results.failures.push(error.message);
		log(`FAIL ${error.stack || error.message}`);
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
	log(
		`finished in ${((Date.now() - t0) / 1000).toFixed(0)}s; logs and screenshots in ${path.relative(REPO_ROOT, RESULTS)}/`,
	);
	console.log(`\nPhases:\n- ${timings.join('\n- ')}`);
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
