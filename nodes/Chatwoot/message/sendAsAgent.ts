import type { IDataObject } from 'n8n-workflow';

import { boolean, InputError, integer, text } from '../../shared/checks';
import { itemError } from '../../shared/errors';
import { additionalFields, buildBody, messageField } from '../../shared/fields';
import type { MultipartParts } from '../../shared/multipart';
import type { Check, Field, ItemBinary, Operation, OperationContext } from '../../shared/types';
import {
	accountField,
	conversationNotFound,
	conversationPath,
	conversationTarget,
} from '../application';
import { MESSAGE_MAX_LENGTH } from '../conversation/create';
import { conversationIdField, whatsappTemplateField } from '../fields';
import { simplifyAgentMessage } from '../simplify';

const OPERATION_NAME = 'Send as Agent';

/** Chatwoot's default MAXIMUM_FILE_UPLOAD_SIZE (super admin → settings), per file, in MB. */
export const CHATWOOT_FILE_LIMIT_MB = 40;
/** Message::NUMBER_OF_PERMITTED_ATTACHMENTS */
export const MAX_ATTACHMENTS = 15;
const MB = 1024 * 1024;

const ATTACHMENTS_LABEL = 'Additional Fields › Attachments (Binary Properties)';

/** Comma-separated binary property names ("data, invoice"): a list of distinct names. */
export function binaryPropertyNames(): Check {
	const asText = text({ maxLength: 2000 });
	return (value) => {
		const written = asText(value) as string | undefined;
		if (written === undefined) return undefined;
		const names = written.split(',').map((name) => name.trim());
		if (names.some((name) => name === ''))
			throw new InputError(
				`"${written.slice(0, 60)}" has an empty name; separate binary property names with commas, such as data, invoice`,
			);
		const distinct = [...new Set(names)];
		if (distinct.length > MAX_ATTACHMENTS)
			throw new InputError(
				`names ${distinct.length} files; Chatwoot takes at most ${MAX_ATTACHMENTS} attachments per message`,
			);
		return distinct;
	};
}

const privateNoteField: Field = {
	property: {
		displayName: 'Private Note',
		name: 'privateNote',
		type: 'boolean',
		default: false,
		description:
			'Whether to post a private note, visible only to agents, instead of a message the contact receives',
	},
	check: boolean(),
};

export const agentMessageField: Field = messageField({
	description:
		"What the agent says. Chatwoot sends it to the contact through the conversation's channel (or keeps it among agents as a private note). May be empty when attachments are sent.",
	maxLength: MESSAGE_MAX_LENGTH,
});

const optionalFields: Field = additionalFields([
	accountField,
	{
		property: {
			displayName: 'Attachment Size Limit (MB)',
			name: 'attachmentLimitMb',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 1024 },
			default: CHATWOOT_FILE_LIMIT_MB,
			description: `The largest file Chatwoot takes, per file. Chatwoot's default is ${CHATWOOT_FILE_LIMIT_MB} MB; a self-hosted installation may set another (MAXIMUM_FILE_UPLOAD_SIZE). Larger files are refused before anything is sent.`,
		},
		check: integer({ min: 1, max: 1024 }),
	},
	{
		property: {
			displayName: 'Attachments (Binary Properties)',
			name: 'attachments',
			type: 'string',
			default: '',
			placeholder: 'e.g. data, invoice',
			description: `The binary properties of the input item to attach, separated by commas (at most ${MAX_ATTACHMENTS}): the names shown on the Binary tab of the previous node, often "data"`,
		},
		check: binaryPropertyNames(),
	},
	whatsappTemplateField('template_params'),
]);

const fields: Field[] = [conversationIdField, agentMessageField, privateNoteField, optionalFields];

function attachmentNames(params: IDataObject): string[] {
	const names = (params.additionalFields as IDataObject | undefined)?.attachments;
	return Array.isArray(names) ? (names as string[]) : [];
}

function limitBytes(params: IDataObject): number {
	const limit = (params.additionalFields as IDataObject | undefined)?.attachmentLimitMb;
	return (typeof limit === 'number' ? limit : CHATWOOT_FILE_LIMIT_MB) * MB;
}

const megabytes = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;

/** The fields of the body other than attachments, as Chatwoot's MessageBuilder reads them. */
export function buildAgentMessageBody(params: IDataObject): IDataObject {
	return {
		...(typeof params.message === 'string' ? { content: params.message } : {}),
		message_type: 'outgoing',
		private: params.privateNote === true,
		...buildBody([optionalFields], params),
	};
}

/** Why a file cannot be sent: missing, or larger than the limit. */
function fileProblem(
	property: string,
	file: { fileName: string; size: number } | undefined,
	binary: ItemBinary,
	limit: number,
): { field: string; reason: string; fix: string } | undefined {
	if (!file) {
		const present = binary.names();
		return {
			field: ATTACHMENTS_LABEL,
			reason: `names the binary property "${property}", which the item does not have (${present.length > 0 ? `it has ${present.map((name) => `"${name}"`).join(', ')}` : 'it has no binary data'})`,
			fix: 'Use the names shown on the Binary tab of the previous node\'s output, or read the file first (for example with "Read/Write Files from Disk" or an HTTP Request that downloads it).',
		};
	}
	if (file.size > limit) {
		return {
			field: ATTACHMENTS_LABEL,
			reason: `"${property}" holds "${file.fileName}" of ${megabytes(file.size)}, more than the limit of ${megabytes(limit)} per file`,
			fix: `Chatwoot refuses files above its upload limit (${CHATWOOT_FILE_LIMIT_MB} MB unless the installation sets MAXIMUM_FILE_UPLOAD_SIZE). Send a smaller file or a link to it; raise "Attachment Size Limit (MB)" only if your installation allows more.`,
		};
	}
	return undefined;
}

/** Nested values as Rails reads them from a form: template_params[processed_params][1]=… */
function formFields(name: string, value: unknown): MultipartParts {
	if (typeof value === 'object' && value !== null)
		return Object.entries(value).flatMap(([key, inner]) => formFields(`${name}[${key}]`, inner));
	return [[name, String(value)]];
}

/** The multipart parts: the message fields, then attachments[] once per file (described, not read). */
async function multipartParts(
	context: OperationContext,
	params: IDataObject,
	names: string[],
): Promise<MultipartParts> {
	const binary = context.binary as ItemBinary;
	const body = buildAgentMessageBody(params);
	const parts: MultipartParts = [];
	if (typeof body.content === 'string') parts.push(['content', body.content]);
	parts.push(['message_type', String(body.message_type)], ['private', String(body.private)]);
	if (body.template_params) parts.push(...formFields('template_params', body.template_params));
	for (const property of names) {
		const file = await binary.describe(property);
		const problem = fileProblem(property, file, binary, limitBytes(params));
		if (problem || !file)
			throw itemError(
				context,
				`${problem?.field ?? ATTACHMENTS_LABEL} ${problem?.reason ?? 'could not be read'}`,
				`${problem?.fix ?? ''} Nothing was sent.`.trim(),
			);
		// Read while the request is sent, from n8n's binary data, again on a retry.
		parts.push([
			'attachments[]',
			{
				fileName: file.fileName,
				mimeType: file.mimeType,
				size: file.size,
				read: () => binary.stream(property),
			},
		]);
	}
	return parts;
}

export const sendMessageAsAgent: Operation = {
	resource: 'message',
	option: {
		name: OPERATION_NAME,
		value: 'sendAsAgent',
		action: 'Send a message as an agent',
		description:
			"Post a message, files or a private note into a conversation as the agent who owns the credential's User Access Token",
	},
	fields,
	async checkItem(params, binary) {
		const names = attachmentNames(params);
		const template = (params.additionalFields as IDataObject | undefined)?.templateParams;
		if (template !== undefined && params.message === undefined) {
			return {
				field: 'Message',
				reason: 'is empty, but a WhatsApp Template is given',
				fix: "Write the template's text with its values filled in as the message: Chatwoot needs it next to the template.",
			};
		}
		if (names.length === 0 && params.message === undefined) {
			return {
				field: 'Message',
				reason: 'is required but is empty',
				fix: 'Write the message, or name binary properties under Additional Fields › Attachments (Binary Properties) to send only files.',
			};
		}
		for (const property of names) {
			const problem = fileProblem(
				property,
				await binary.describe(property),
				binary,
				limitBytes(params),
			);
			if (problem) return problem;
		}
		return undefined;
	},
	async run(context, params) {
		const { accountId, conversationId } = conversationTarget(context, params, OPERATION_NAME);
		const names = attachmentNames(params);
		const message = await context.send({
			method: 'POST',
			url: conversationPath(accountId, conversationId, '/messages'),
			...(names.length > 0
				? { multipart: await multipartParts(context, params, names) }
				: { body: buildAgentMessageBody(params) }),
			purpose: 'send the message',
			notFound: conversationNotFound(accountId, conversationId),
		});
		return {
			raw: message,
			simplified: simplifyAgentMessage(message, { accountId, conversationId }, context.credentials),
		};
	},
};
