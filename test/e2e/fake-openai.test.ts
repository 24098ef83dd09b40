// The e2e's fake OpenAI-compatible model (test/e2e/fake-openai.js): what n8n's OpenAI Chat Model
// (LangChain's ChatOpenAI, Chat Completions) needs from it, JSON and server-sent events.

interface Recorded {
	method: string;
	path: string;
	body: { messages?: unknown[]; stream?: boolean };
	answer?: {
		content: string | null;
		tool_calls?: { function: { name: string; arguments: string } }[];
	};
}
interface Fake {
	url: string;
	baseUrl: string;
	requests: Recorded[];
	completions: () => Recorded[];
	close: () => Promise<void>;
}
const { startFakeOpenAi } = require('./fake-openai') as {
	startFakeOpenAi: (options?: {
		pickTool?: (tools: { function: { name: string } }[]) => unknown;
	}) => Promise<Fake>;
};

const REPLY_TOOL = {
	type: 'function',
	function: {
		name: 'Reply_in_Chatwoot',
		description: 'Send a message as an agent in Chatwoot Conversations',
		parameters: {
			type: 'object',
			properties: {
				conversationId: { type: 'number', description: 'The conversation to answer' },
				message: { type: 'string', description: 'The reply' },
			},
			required: ['conversationId', 'message'],
		},
	},
};
const OTHER_TOOL = {
	type: 'function',
	function: { name: 'Calculator', description: 'Math', parameters: { type: 'object' } },
};
const USER = { role: 'user', content: 'Conversation 42. The customer wrote: where is my parcel?' };

interface Choice {
	finish_reason: string | null;
	message: {
		role: string;
		content: string | null;
		tool_calls: { id: string; function: { name: string; arguments: string } }[];
	};
	delta?: { tool_calls?: { function: { arguments: string } }[] };
}
interface Answer {
	data: { id: string }[];
	choices: Choice[];
	error: { message: string };
	usage: { total_tokens: number };
}
const read = async (response: Response) => (await response.json()) as Answer;

let fake: Fake;
beforeAll(async () => {
	fake = await startFakeOpenAi({
		pickTool: (tools) => tools.find((t) => t.function.name === 'Reply_in_Chatwoot'),
	});
});
afterAll(async () => await fake.close());

async function post(body: object, key = 'sk-test') {
	return await fetch(`${fake.baseUrl}/chat/completions`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
		body: JSON.stringify(body),
	});
}

test('answers the model list and refuses a request without an API key', async () => {
	const models = await fetch(`${fake.baseUrl}/models`, { headers: { authorization: 'Bearer k' } });
	expect(models.status).toBe(200);
	expect((await read(models)).data[0].id).toBe('fake-gpt-e2e');
	const anonymous = await fetch(`${fake.baseUrl}/models`);
	expect(anonymous.status).toBe(401);
});

test('first a call of the chosen tool with arguments from the message, then a final text', async () => {
	const first = await read(
		await post({ model: 'm', messages: [USER], tools: [OTHER_TOOL, REPLY_TOOL] }),
	);
	const [call] = first.choices[0].message.tool_calls;
	expect(first.choices[0].finish_reason).toBe('tool_calls');
	expect(call.function.name).toBe('Reply_in_Chatwoot');
	expect(JSON.parse(call.function.arguments)).toEqual({
		conversationId: 42,
		message: 'Thanks for your message: "Conversation 42. The customer wrote: where is my parcel?"',
	});
	const second = await read(
		await post({
			model: 'm',
			messages: [
				USER,
				first.choices[0].message,
				{ role: 'tool', tool_call_id: call.id, content: '{"messageId":7}' },
			],
			tools: [REPLY_TOOL],
		}),
	);
	expect(second.choices[0]).toMatchObject({
		finish_reason: 'stop',
		message: { role: 'assistant', content: 'Done: I answered the customer ({"messageId":7}).' },
	});
	expect(fake.completions().map((r) => r.answer?.tool_calls?.length ?? 0)).toEqual([1, 0]);
});

test('streams the same answer as server-sent events when asked to', async () => {
	const response = await post({
		model: 'm',
		messages: [USER],
		tools: [REPLY_TOOL],
		stream: true,
		stream_options: { include_usage: true },
	});
	expect(response.headers.get('content-type')).toBe('text/event-stream');
	const events = (await response.text())
		.split('\n\n')
		.filter((e) => e.startsWith('data: '))
		.map((e) => e.slice('data: '.length));
	expect(events.at(-1)).toBe('[DONE]');
	const chunks = events.slice(0, -1).map((e) => JSON.parse(e) as Answer);
	const args = chunks
		.flatMap((c) => c.choices[0]?.delta?.tool_calls ?? [])
		.map((t) => t.function.arguments)
		.join('');
	expect(JSON.parse(args).conversationId).toBe(42);
	expect(chunks.map((c) => c.choices[0]?.finish_reason).filter(Boolean)).toEqual(['tool_calls']);
	expect(chunks.at(-1)?.usage.total_tokens).toBeGreaterThan(0);
});

test('a required argument it cannot fill is a 400 naming it', async () => {
	const response = await post({
		model: 'm',
		messages: [{ role: 'user', content: 'no number here' }],
		tools: [REPLY_TOOL],
	});
	expect(response.status).toBe(400);
	expect((await read(response)).error.message).toBe(
		'cannot fill conversationId of tool Reply_in_Chatwoot',
	);
});
