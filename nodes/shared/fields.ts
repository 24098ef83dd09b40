import type {
	IDataObject,
	IDisplayOptions,
	IExecuteFunctions,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { boolean, id, InputError, integer, text } from './checks';
import { isObject } from './objects';
import type { Check, EntryList, Field, Operation } from './types';

/** The "Additional Fields" collection of optional fields, as every operation shows it. */
export function additionalFields(fields: Field[]): Field {
	return {
		property: {
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
		},
		fields,
	};
}

interface IdFieldOptions {
	description: string;
	placeholder?: string;
	/** Required unless false. */
	required?: boolean;
	/** The vendor's ID rule; the shared `id` check by default. */
	check?: Check;
	send?: string;
	displayOptions?: IDisplayOptions;
}

/** A text field that holds a vendor ID. */
export function idField(displayName: string, name: string, options: IdFieldOptions): Field {
	const required = options.required !== false;
	return {
		property: {
			displayName,
			name,
			type: 'string',
			default: '',
			...(required ? { required: true } : {}),
			...(options.placeholder ? { placeholder: options.placeholder } : {}),
			description: options.description,
			...(options.displayOptions ? { displayOptions: options.displayOptions } : {}),
		},
		check: options.check ?? id({ required }),
		...(options.send ? { send: options.send } : {}),
	};
}

/** The "Conversation ID" field (parameter `conversationId`), the same in every vendor. */
export function conversationIdField(options: IdFieldOptions): Field {
	return idField('Conversation ID', 'conversationId', options);
}

/** n8n's "Return All" and "Limit" pair of a Search or List (parameters `returnAll` and `limit`). */
export function returnAllFields(options: {
	what: string;
	maxLimit: number;
	defaultLimit?: number;
}): Field[] {
	return [
		{
			property: {
				displayName: 'Return All',
				name: 'returnAll',
				type: 'boolean',
				default: false,
				description: 'Whether to return all results or only up to a given limit',
			},
			check: boolean(),
		},
		{
			property: {
				displayName: 'Limit',
				name: 'limit',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: options.maxLimit },
				default: 50,
				description: 'Max number of results to return',
				displayOptions: { show: { returnAll: [false] } },
			},
			check: integer({ required: true, min: 1, max: options.maxLimit }),
		},
	];
}

interface MessageFieldOptions {
	description: string;
	maxLength: number;
	required?: boolean;
	displayName?: string;
	/** The parameter name; "message" by default. */
	name?: string;
	rows?: number;
	noHtml?: boolean;
	send?: string;
}

/** A plain-text message field ("Message", parameter `message` unless named otherwise). */
export function messageField(options: MessageFieldOptions): Field {
	return {
		property: {
			displayName: options.displayName ?? 'Message',
			name: options.name ?? 'message',
			type: 'string',
			typeOptions: { rows: options.rows ?? 4 },
			default: '',
			...(options.required ? { required: true } : {}),
			description: options.description,
		},
		check: text({
			required: options.required,
			maxLength: options.maxLength,
			noHtml: options.noHtml,
		}),
		...(options.send ? { send: options.send } : {}),
	};
}

/** The UI properties of an operation's fields, shown only for that resource and operation. */
export function operationProperties(operation: Operation): INodeProperties[] {
	return operation.fields.map(({ property, fields }) => {
		const show = property.displayOptions?.show ?? {};
		return {
			...property,
			...(fields ? { options: fields.map((child) => child.property) } : {}),
			displayOptions: {
				...property.displayOptions,
				show: {
					...show,
					resource: [operation.resource],
					operation: [operation.option.value as string],
				},
			},
		};
	});
}

/** One allowed value of displayOptions: a plain value, or n8n's condition object `{ _cnd: { eq: 1 } }`. */
function allows(allowed: unknown, value: unknown): boolean {
	const condition = (allowed as { _cnd?: Record<string, unknown> } | null)?._cnd;
	if (typeof allowed !== 'object' || allowed === null || !condition) return allowed === value;
	return Object.entries(condition).every(([kind, target]) => {
		const number = value as number;
		switch (kind) {
			case 'eq':
				return value === target;
			case 'not':
				return value !== target;
			case 'gte':
				return number >= (target as number);
			case 'lte':
				return number <= (target as number);
			case 'gt':
				return number > (target as number);
			case 'lt':
				return number < (target as number);
			case 'between': {
				const { from, to } = target as { from: number; to: number };
				return number >= from && number <= to;
			}
			case 'startsWith':
				return String(value).startsWith(String(target));
			case 'endsWith':
				return String(value).endsWith(String(target));
			case 'includes':
				return String(value).includes(String(target));
			case 'regex':
				return new RegExp(String(target)).test(String(value));
			case 'exists':
				return value !== undefined && value !== null && value !== '';
			default:
				return false;
		}
	});
}

/** Whether a displayOptions rule names a parameter this check cannot see (resource, operation, @version). */
function isOutside(name: string): boolean {
	return name === 'resource' || name === 'operation' || name.startsWith('@');
}

/** Whether n8n shows the property for these values: every `show` rule matches and no `hide` rule does. */
export function isShown(property: INodeProperties, params: IDataObject): boolean {
	const valueOf = (name: string) => params[name.replace(/^\//, '')];
	const matches = (name: string, allowed: unknown) =>
		(allowed as unknown[]).some((candidate) => allows(candidate, valueOf(name)));
	const { show, hide } = property.displayOptions ?? {};
	const shown = Object.entries(show ?? {}).every(
		([name, allowed]) => isOutside(name) || matches(name, allowed),
	);
	const hidden = Object.entries(hide ?? {}).some(
		([name, allowed]) => !isOutside(name) && matches(name, allowed),
	);
	return shown && !hidden;
}

/** `label` names the value in the message; `parameter` (the top-level field) is what the description says to fix. */
function fieldError(
	context: IExecuteFunctions,
	label: string,
	reason: string,
	itemIndex: number,
	parameter = label,
): NodeOperationError {
	return new NodeOperationError(context.getNode(), `${label} ${reason} [item ${itemIndex}]`, {
		itemIndex,
		description: `Fix the "${parameter}" parameter (or the expression that fills it) for item ${itemIndex}. Nothing was sent for this item.`,
	});
}

/**
 * Reads and checks every shown field of one item, in declaration order (so a field can depend on
 * an earlier one through displayOptions). Throws a NodeOperationError naming field and item.
 */
export function readFields(
	context: IExecuteFunctions,
	fields: Field[],
	itemIndex: number,
): IDataObject {
	const params: IDataObject = {};
	for (const field of fields) {
		const { property } = field;
		if (!isShown(property, params)) continue;
		const label = property.displayName;
		let value: unknown;
		try {
			value = context.getNodeParameter(property.name, itemIndex, property.default);
		} catch (error) {
			throw fieldError(context, label, `could not be read: ${(error as Error).message}`, itemIndex);
		}
		if (field.entries) {
			params[property.name] = readEntries(context, property, field.entries, value, itemIndex);
			continue;
		}
		if (field.fields) {
			if (typeof value !== 'object' || value === null || Array.isArray(value)) {
				throw fieldError(context, label, 'must be a set of fields', itemIndex);
			}
			const collected: IDataObject = {};
			for (const child of field.fields) {
				const childValue = (value as IDataObject)[child.property.name];
				if (childValue === undefined) continue;
				const checked = checkValue(
					context,
					child,
					childValue,
					`${label} › ${child.property.displayName}`,
					itemIndex,
				);
				if (checked !== undefined) collected[child.property.name] = checked as IDataObject;
			}
			params[property.name] = collected;
			continue;
		}
		const checked = checkValue(context, field, value, label, itemIndex);
		if (checked !== undefined) params[property.name] = checked as IDataObject;
	}
	return params;
}

/**
 * The checked entries of a fixedCollection: each entry's shown fields (displayOptions read the
 * entry's own values), a missing value read as the field's default. Errors name the entry.
 */
function readEntries(
	context: IExecuteFunctions,
	property: INodeProperties,
	{ name, summary, fields }: EntryList,
	value: unknown,
	itemIndex: number,
): IDataObject[] {
	const label = property.displayName;
	const list = Array.isArray(value) ? value : (value as IDataObject | undefined)?.[name];
	if (list === undefined || list === null || (Array.isArray(list) && list.length === 0)) {
		if (!property.required) return [];
		throw fieldError(context, label, `needs at least one ${name}`, itemIndex);
	}
	if (!Array.isArray(list))
		throw fieldError(context, label, `must be a list of ${name}s`, itemIndex);
	return list.map((entry: unknown, index) => {
		const entryLabel = `${label} › ${name} ${index + 1}`;
		if (!isObject(entry))
			throw fieldError(
				context,
				entryLabel,
				`must be a set of fields (${summary})`,
				itemIndex,
				label,
			);
		const checked: IDataObject = {};
		for (const child of fields) {
			if (!isShown(child.property, checked)) continue;
			const childLabel = `${entryLabel} › ${child.property.displayName}`;
			const own = entry[child.property.name];
			const childValue = own === undefined ? child.property.default : own;
			const result = checkValue(context, child, childValue, childLabel, itemIndex, label);
			if (result !== undefined) checked[child.property.name] = result as IDataObject;
		}
		return checked;
	});
}

function checkValue(
	context: IExecuteFunctions,
	field: Field,
	value: unknown,
	label: string,
	itemIndex: number,
	parameter = label,
): unknown {
	if (!field.check) return value;
	try {
		return field.check(value);
	} catch (error) {
		const reason =
			error instanceof InputError ? error.message : `is not valid: ${(error as Error).message}`;
		throw fieldError(context, label, reason, itemIndex, parameter);
	}
}

/** Puts a value at a dot path ("from.id") of an object. */
export function setPath(target: IDataObject, path: string, value: unknown): void {
	const keys = path.split('.');
	let node = target;
	for (const key of keys.slice(0, -1)) {
		if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
		node = node[key] as IDataObject;
	}
	node[keys[keys.length - 1]] = value as IDataObject;
}

/** Builds a request body from the fields that declare `send`, including the children of collections. */
export function buildBody(fields: Field[], params: IDataObject): IDataObject {
	const body: IDataObject = {};
	for (const field of fields) {
		const value = params[field.property.name];
		if (value === undefined) continue;
		if (field.fields) {
			for (const child of field.fields) {
				const childValue = (value as IDataObject)[child.property.name];
				if (child.send && childValue !== undefined) setPath(body, child.send, childValue);
			}
		} else if (field.send) {
			setPath(body, field.send, value);
		}
	}
	return body;
}
