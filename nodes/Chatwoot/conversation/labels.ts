import type { IDataObject } from 'n8n-workflow';

import { InputError, text } from '../../shared/checks';
import type { Check, Field, Operation, OperationContext } from '../../shared/types';
import {
	conversationNotFound,
	conversationPath,
	conversationTarget,
	withAccount,
} from '../application';
import { conversationIdField, labelsField } from '../fields';
import { conversationUrl } from '../vendor';

const LABEL = /^[\p{L}\p{N}_-]+$/u;

/** Labels as Chatwoot keeps them: lower case, letters, digits, "-" and "_"; comma-separated text or a list. */
export function labelList(): Check {
	const asText = text({ required: true, maxLength: 5000 });
	return (value) => {
		const written = Array.isArray(value)
			? (asText(value.map(String).join(',')) as string)
			: (asText(value) as string);
		const labels = [
			...new Set(
				written
					.split(',')
					.map((label) => label.trim().toLowerCase())
					.filter((label) => label !== ''),
			),
		];
		if (labels.length === 0) throw new InputError('is required but is empty');
		const bad = labels.find((label) => !LABEL.test(label));
		if (bad)
			throw new InputError(
				`has "${bad.slice(0, 40)}", which is not a Chatwoot label: use letters, digits, "-" and "_" only, and commas between labels`,
			);
		return labels;
	};
}

const MUST_EXIST =
	'Chatwoot keeps only labels of the account (Settings → Labels) and drops others, listed in the ignoredLabels output.';

function fieldsWith(labels: string): Field[] {
	return [conversationIdField, labelsField(`${labels} ${MUST_EXIST}`, labelList()), withAccount()];
}

interface LabelsAnswer {
	payload?: unknown;
}

function labelsOf(answer: LabelsAnswer | undefined): string[] {
	return Array.isArray(answer?.payload) ? (answer.payload as unknown[]).map(String) : [];
}

async function writeLabels(
	context: OperationContext,
	accountId: string,
	conversationId: number,
	labels: string[],
): Promise<LabelsAnswer> {
	return context.send<LabelsAnswer>({
		method: 'POST',
		url: conversationPath(accountId, conversationId, '/labels'),
		body: { labels },
		purpose: 'set the labels',
		// the same list twice gives the same labels
		idempotent: true,
		notFound: conversationNotFound(accountId, conversationId),
	});
}

function result(
	context: OperationContext,
	accountId: string,
	conversationId: number,
	answer: LabelsAnswer,
	wanted: string[],
) {
	const labels = labelsOf(answer);
	return {
		raw: answer as IDataObject,
		simplified: {
			conversationId,
			labels,
			ignoredLabels: wanted.filter((label) => !labels.includes(label)),
			conversationUrl: conversationUrl(context.credentials, accountId, conversationId),
		},
	};
}

export const setConversationLabels: Operation = {
	resource: 'conversation',
	option: {
		name: 'Set Labels',
		value: 'setLabels',
		action: 'Set the labels of a conversation as an agent',
		description: "Replace the conversation's labels with these: labels not listed are removed",
	},
	fields: fieldsWith('The labels the conversation gets; the ones not listed are removed.'),
	async run(context, params) {
		const { accountId, conversationId } = conversationTarget(context, params, 'Set Labels');
		const wanted = params.labels as string[];
		const answer = await writeLabels(context, accountId, conversationId, wanted);
		return result(context, accountId, conversationId, answer, wanted);
	},
};

export const addConversationLabels: Operation = {
	resource: 'conversation',
	option: {
		name: 'Add Labels',
		value: 'addLabels',
		action: 'Add labels to a conversation as an agent',
		description:
			'Add labels and keep the ones the conversation has: reads its labels, then writes both',
	},
	fields: fieldsWith('The labels to add; the conversation keeps the ones it has.'),
	async run(context, params) {
		const { accountId, conversationId } = conversationTarget(context, params, 'Add Labels');
		const wanted = params.labels as string[];
		// Chatwoot's labels endpoint replaces the list: read, then write the union (a label another
		// client sets between the two calls may be lost).
		const current = labelsOf(
			await context.send<LabelsAnswer>({
				method: 'GET',
				url: conversationPath(accountId, conversationId, '/labels'),
				purpose: 'read the labels',
				notFound: conversationNotFound(accountId, conversationId),
			}),
		);
		const union = [...new Set([...current, ...wanted])];
		const answer = await writeLabels(context, accountId, conversationId, union);
		return result(context, accountId, conversationId, answer, wanted);
	},
};
