'use strict';
/** What every e2e module shares: the check counter, assertions, and n8n's executions through its REST API. */
const local = require('../../scripts/n8n-local');

// The prefix names the suite (test/e2e, test/queue) whose script runs.
const log = local.progress(
	require('path').basename(require('path').dirname(require.main?.filename ?? 'e2e/run.js')),
);
const results = { passed: 0, failed: 0, failures: [] };
/** Names the phase in every check's name while it runs ("[chatwoot alone] …"); '' for none. */
let prefix = '';
function setPrefix(value) {
	prefix = value ? `[${value}] ` : '';
}

async function check(checkName, fn) {
	const name = `${prefix}${checkName}`;
	const t = Date.now();
	try {
		await fn();
		results.passed++;
		log(`ok   ${name} (${((Date.now() - t) / 1000).toFixed(1)}s)`);
	} catch (error) {
		results.failed++;
		results.failures.push(`${name}: ${error.message}`);
		log(`FAIL ${name}: ${error.message.split('\n').slice(0, 12).join('\n      ')}`);
	}
}
function assert(cond, message) {
	if (!cond) throw new Error(message);
}
function assertEqual(actual, expected, what) {
	const a = JSON.stringify(actual);
	const e = JSON.stringify(expected);
	if (a !== e) throw new Error(`${what}: expected ${e}, got ${a}`);
}

const pause = (ms) => new Promise((res) => setTimeout(res, ms));
async function waitFor(condition, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	while (!(await condition()) && Date.now() < deadline) await pause(250);
}

/** n8n's executions of a workflow, newest first. */
async function executionsOf(n8n, cookie, workflowId) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const r = await local.request(`${n8n.url}/rest/executions?filter=${filter}`, {
		headers: { cookie },
	});
	assertEqual(r.status, 200, `GET /rest/executions (${r.text.slice(0, 200)})`);
	return r.json.data.results;
}
/** Waits until the workflow has `count` finished executions (or the time is up); returns them. */
async function finishedExecutions(n8n, cookie, workflowId, count, timeoutMs = 30000) {
	const deadline = Date.now() + timeoutMs;
	let executions = [];
	while (Date.now() < deadline) {
		executions = await executionsOf(n8n, cookie, workflowId);
		const done = executions.filter((e) => e.status !== 'running' && e.status !== 'new');
		if (done.length >= count && done.length === executions.length) break;
		await pause(500);
	}
	return executions;
}
/** The run data of one execution (n8n stores it with flatted, a dependency of n8n-workflow). */
async function executionData(n8n, cookie, id) {
	const flatted = require('flatted');
	const r = await local.request(`${n8n.url}/rest/executions/${id}`, { headers: { cookie } });
	assertEqual(r.status, 200, `GET /rest/executions/${id}`);
	return flatted.parse(r.json.data.data);
}
/** The items a node output in an execution (first run, first output). */
async function executionItems(n8n, cookie, id, nodeName) {
	const data = await executionData(n8n, cookie, id);
	const run = data.resultData.runData[nodeName];
	assert(run, `node "${nodeName}" did not run in execution ${id}`);
	return run[0].data.main[0].map((item) => item.json);
}

/**
 * Publishes workflows on a running n8n as the editor's Publish button does (GET the workflow for its
 * versionId, POST /rest/workflows/<id>/activate): n8n registers their webhooks before it answers.
 */
async function publishOverRest(n8n, cookie, ids) {
	for (const id of ids) {
		const wf = await local.request(`${n8n.url}/rest/workflows/${id}`, { headers: { cookie } });
		assertEqual(wf.status, 200, `GET /rest/workflows/${id}`);
		const r = await local.request(`${n8n.url}/rest/workflows/${id}/activate`, {
			method: 'POST',
			headers: { cookie },
			body: { versionId: wf.json.data.versionId },
			timeoutMs: 60000,
		});
		assertEqual(r.status, 200, `POST /rest/workflows/${id}/activate (${r.text.slice(0, 300)})`);
	}
}

/** What each fake stored: conversation IDs, the contact each was opened for, the texts it holds. */
const SANDBOX_VIEW = {
	intercom: {
		id: (c) => String(c.id),
		contact: (c) => c.source.author.email,
		texts: (s, c) => [
			c.source.body,
			...s.state.messages
				.filter((m) => String(m.conversation_id) === String(c.id))
				.map((m) => m.body),
		],
	},
	userdesk: {
		id: (c) => c.conversationId,
		contact: (c) => c.userEmail,
		texts: (s, c) => c.messages.map((m) => m.content),
	},
	chatwoot: {
		id: (c) => String(c.id),
		contact: (c, s) => s.state.contacts.find((k) => k.id === c.contact_id)?.email,
		texts: (s, c) =>
			s.state.messages.filter((m) => m.conversation_id === c.id).map((m) => m.content),
	},
	socialboards: {
		id: (c) => String(c.id),
		contact: (c) => c.author?.email,
		texts: (s, c) => [
			c.title,
			...s.state.messages.filter((m) => m.conversationId === c.id).map((m) => m.message),
		],
	},
	liveperson: {
		id: (c) => c.conversationId,
		contact: (c) => c.extConsumerId,
		texts: (s, c) =>
			s.state.messages.filter((m) => m.conversationId === c.conversationId).map((m) => m.message),
	},
};

/** A new contact and conversation in the Chatwoot sandbox, made through its agent API; the conversation's ID. */
async function sandboxChatwootConversation(srv, name) {
	const api = (method, p, body) =>
		local.request(`${srv.baseUrl}${p}`, {
			method,
			headers: { 'api-access-token': srv.credentials.apiAccessToken },
			body,
		});
	const contact = await api('POST', '/api/v1/accounts/1/contacts', {
		inbox_id: 1,
		name,
		identifier: `crm-${name.toLowerCase().replace(/\W+/g, '-')}-${Date.now()}`,
	});
	assertEqual(contact.status, 200, `sandbox contact (${contact.text.slice(0, 200)})`);
	const conversation = await api('POST', '/api/v1/accounts/1/conversations', {
		inbox_id: 1,
		contact_id: contact.json.payload.contact.id,
		source_id: contact.json.payload.contact_inbox.source_id,
	});
	assertEqual(
		conversation.status,
		200,
		`sandbox conversation (${conversation.text.slice(0, 200)})`,
	);
	return conversation.json.id;
}

module.exports = {
	SANDBOX_VIEW,
	log,
	results,
	setPrefix,
	check,
	assert,
	assertEqual,
	pause,
	waitFor,
	executionsOf,
	finishedExecutions,
	executionData,
	executionItems,
	publishOverRest,
	sandboxChatwootConversation,
};
