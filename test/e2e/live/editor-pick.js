'use strict';
/**
 * Pick, don't type, in the real editor: a workflow with a Chatwoot node (Contact Create) opens in
 * Chromium, the Inbox field's From list shows the sandbox's inboxes, one is picked by its name, the
 * workflow is saved and executed, and the sandbox got that inbox's ID. The same for Intercom's Close
 * with the Admin from the list (the admin_id the sandbox got). The open Chatwoot dropdown is the
 * README's screenshot (chatwoot-inbox-picker.png).
 */
const path = require('path');

const local = require('../../../scripts/n8n-local');
const { SANDBOX_CREDENTIALS } = require('../../../scripts/make-examples');
const { check, assert, assertEqual, waitFor } = require('../lib');
const { registry } = local;

/** A second Intercom admin, so that the admin picked is not the token's owner the node uses by default. */
const PICKED_ADMIN = { id: '991267002', name: 'Riley Picker', email: 'riley@sandbox.test' };
/** The Chatwoot inbox picked: not the credential's inbox (1), by its name in the list. */
const PICKED_INBOX = { id: '2', name: 'Sandbox API inbox (identity validation)' };

const nodeType = (vendor, name) =>
	`${registry.packages.find((p) => p.vendor === vendor).name}.${name}`;

const MANUAL = 'When clicking ‘Execute workflow’';

function workflow(name, vendor, node) {
	const credential = SANDBOX_CREDENTIALS[vendor];
	return {
		name,
		nodes: [
			{
				id: `${vendor}-pick-manual`,
				name: MANUAL,
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: `${vendor}-pick-node`,
				typeVersion: 1,
				position: [260, 0],
				credentials: { [credential.type]: { id: credential.id, name: credential.name } },
				...node,
			},
		],
		connections: { [MANUAL]: { main: [[{ node: node.name, type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

async function createWorkflow(n8n, cookie, wf) {
	const r = await local.request(`${n8n.url}/rest/workflows`, {
		method: 'POST',
		headers: { cookie },
		body: wf,
	});
	assertEqual(r.status, 200, `POST /rest/workflows (${r.text.slice(0, 300)})`);
	return r.json.data.id;
}

async function savedParameter(n8n, cookie, id, nodeName, parameter) {
	const r = await local.request(`${n8n.url}/rest/workflows/${id}`, { headers: { cookie } });
	assertEqual(r.status, 200, `GET /rest/workflows/${id}`);
	return r.json.data.nodes.find((n) => n.name === nodeName)?.parameters?.[parameter];
}

/**
 * Opens the workflow, the node's panel, the field's From list; picks the entry named `entry`; takes
 * the screenshot (if any) with the list open; saves and executes the workflow from the canvas.
 */
async function pickAndRun({ page, n8n, workflowId, nodeName, parameter, entry, screenshot }) {
	const byId = (id) => page.locator(`[data-test-id="${id}"]`);
	await page.goto(`${n8n.url}/workflow/${workflowId}`);
	const node = page.locator(`[data-test-id="canvas-node"][data-node-name="${nodeName}"]`);
	await node.waitFor();
	await node.dblclick();
	await byId('ndv').waitFor();
	const field = byId(`parameter-input-${parameter}`);
	await field.waitFor();
	await field.locator('[data-test-id="rlc-input"]').first().click();
	const items = page.locator('[data-test-id="rlc-item"]:visible');
	await items
		.first()
		.waitFor({ timeout: 20000 })
		.catch(async () => {
			const error = await page
				.locator('[data-test-id="rlc-error-container"]:visible')
				.innerText()
				.catch(() => '');
			throw new Error(`the From list did not open${error ? `: ${error}` : ''}`);
		});
	const names = await items.evaluateAll((els) => els.map((e) => e.innerText.trim()));
	const item = items.filter({ hasText: entry });
	assert((await item.count()) > 0, `"${entry}" is not in the list (${names.join(' | ')})`);
	if (screenshot) {
		await item.first().hover();
		await page.screenshot({ path: screenshot });
	}
	await item.first().click();
	await page.waitForTimeout(300);
	await byId('ndv-close-button').click();
	await page.keyboard.press('Control+s');
	await page.waitForTimeout(1000);
	await byId('execute-workflow-button').first().click();
	return names;
}

async function run() {}

/** The checks in the editor: `page` is the signed-in Chromium page of run.js's browser phase. */
async function editor({ page, n8n, sandbox, shots }) {
	const cookie = await local.login(n8n.url);

	await check(
		'editor: Chatwoot Contact Create: pick the Inbox from its list, save, execute: the sandbox gets its ID',
		async () => {
			sandbox.reset();
			const srv = sandbox.servers.chatwoot;
			const nodeName = 'Create Contact';
			const id = await createWorkflow(
				n8n,
				cookie,
				workflow('Pick an inbox (e2e)', 'chatwoot', {
					name: nodeName,
					type: nodeType('chatwoot', 'chatwoot'),
					parameters: {
						resource: 'contact',
						operation: 'create',
						inboxId: { __rl: true, mode: 'list', value: '' },
						name: 'Picked Inbox Contact',
					},
				}),
			);
			const names = await pickAndRun({
				page,
				n8n,
				workflowId: id,
				nodeName,
				parameter: 'inboxId',
				entry: PICKED_INBOX.name,
				screenshot: path.join(shots, 'chatwoot-inbox-picker.png'),
			});
			assert(
				names.some((n) => n.includes('Sandbox API inbox')),
				`the list shows the sandbox's inboxes by name (${names.join(' | ')})`,
			);
			const saved = await savedParameter(n8n, cookie, id, nodeName, 'inboxId');
			assertEqual(
				{ mode: saved?.mode, value: saved?.value },
				{ mode: 'list', value: PICKED_INBOX.id },
				'the saved Inbox',
			);
			const creates = () => srv.requestsTo('POST', '/api/v1/accounts/1/contacts');
			await waitFor(() => creates().length > 0, 30000);
			const [request] = creates();
			assert(request, 'executing sent no contact create to the sandbox');
			assertEqual(String(request.body?.inbox_id), PICKED_INBOX.id, 'inbox_id the sandbox got');
		},
	);

	await check(
		'editor: Intercom Close: pick the Admin from its list, save, execute: the sandbox gets its admin_id',
		async () => {
			sandbox.reset();
			const srv = sandbox.servers.intercom;
			const opened = await local.request(`${srv.baseUrl}/conversations`, {
				method: 'POST',
				headers: {
					authorization: `Bearer ${srv.credentials.accessToken}`,
					accept: 'application/json',
					'intercom-version': '2.14',
				},
				body: { from: { type: 'lead', id: '5989303470da497b1babb9ef' }, body: 'Close me' },
			});
			assertEqual(opened.status, 200, `sandbox conversation (${opened.text.slice(0, 200)})`);
			const conversationId = String(opened.json.conversation_id);
			const nodeName = 'Close Conversation';
			const id = await createWorkflow(
				n8n,
				cookie,
				workflow('Pick an admin (e2e)', 'intercom', {
					name: nodeName,
					type: nodeType('intercom', 'intercom'),
					parameters: {
						resource: 'conversation',
						operation: 'close',
						conversationId: { __rl: true, mode: 'id', value: conversationId },
						adminId: { __rl: true, mode: 'list', value: '' },
					},
				}),
			);
			await pickAndRun({
				page,
				n8n,
				workflowId: id,
				nodeName,
				parameter: 'adminId',
				entry: PICKED_ADMIN.name,
			});
			const saved = await savedParameter(n8n, cookie, id, nodeName, 'adminId');
			assertEqual(
				{ mode: saved?.mode, value: saved?.value },
				{ mode: 'list', value: PICKED_ADMIN.id },
				'the saved Admin',
			);
			const parts = () => srv.requestsTo('POST', `/conversations/${conversationId}/parts`);
			await waitFor(() => parts().length > 0, 30000);
			const [request] = parts();
			assert(request, 'executing sent no close to the sandbox');
			assertEqual(request.body?.message_type, 'close', 'message_type the sandbox got');
			assertEqual(String(request.body?.admin_id), PICKED_ADMIN.id, 'admin_id the sandbox got');
		},
	);
}

module.exports = {
	workflows: [],
	run,
	editor,
	/** What run.js's sandbox needs for these checks. */
	sandboxOptions: { intercom: { admins: [PICKED_ADMIN] } },
};
