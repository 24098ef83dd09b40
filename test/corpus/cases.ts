import type { ICredentialDataDecryptedObject, INodeParameters } from 'n8n-workflow';

// The shape of a bad-input case and the bad values every vendor's text fields get. The vendors' lists
// are in <vendor>.cases.ts; bad-input.test.ts runs them all with one runner.

export interface BadInput {
	name: string;
	parameters: INodeParameters;
	/** The label the message starts with: "Message", or "Parent › Child" for collection children. */
	field: string;
	reason: string | RegExp;
	/** Credential values that replace the suite's for this case (a bad credential field). */
	credentials?: ICredentialDataDecryptedObject;
	/** What the error's description must contain, when a vendor-local check words it differently. */
	description?: string | RegExp;
	/**
	 * The node does NOT refuse this input before sending today (a bug): the case runs as
	 * test.failing, so the suite stays green and turns red once the node refuses it. Then drop this.
	 */
	knownBug?: string;
}

export const NUMBER = '={{ 42 }}';
export const OBJECT = '={{ { "a": 1 } }}';
export const ARRAY = '={{ [1, 2] }}';
export const NULL = '={{ null }}';
/** "ab", a NUL byte, "c": control characters other than new lines and tabs are refused. */
export const NUL_BYTE = '={{ "ab\\u0000c" }}';
export const EMPTY = '={{ "" }}';
export const SPACES = '   ';
export const LONG = `={{ "x".repeat(70000) }}`;

/** An expression that gives `count` times `char`. */
export const repeat = (char: string, count: number) => `={{ "${char}".repeat(${count}) }}`;

/** The same bad values for each text field, with the reason each one gets. */
export function typeCases(field: string, label: string, required: boolean): BadInput[] {
	const cases: BadInput[] = [
		{
			name: `${label}: a NUL byte`,
			parameters: { [field]: NUL_BYTE },
			field: label,
			reason: 'contains the control character U+0000 at position 3',
		},
		{
			name: `${label}: an object`,
			parameters: { [field]: OBJECT },
			field: label,
			reason: 'must be text, but got an object',
		},
		{
			name: `${label}: a list`,
			parameters: { [field]: ARRAY },
			field: label,
			reason: 'must be text, but got a list',
		},
		{
			name: `${label}: null`,
			parameters: { [field]: NULL },
			field: label,
			reason: 'must be text, but got null',
		},
	];
	if (required) {
		// A literally empty required field is already refused by n8n's engine ("Parameter … is required");
		// an expression that gives an empty value reaches the node.
		cases.push({
			name: `${label}: empty`,
			parameters: { [field]: EMPTY },
			field: label,
			reason: 'is required but is empty',
		});
		cases.push({
			name: `${label}: only spaces`,
			parameters: { [field]: SPACES },
			field: label,
			reason: 'is required but is empty',
		});
	}
	return cases;
}

/** The same cases with `extra` parameters before each case's own (the operation, the fields around it). */
export const withParameters = (extra: INodeParameters, cases: BadInput[]): BadInput[] =>
	cases.map((entry) => ({ ...entry, parameters: { ...extra, ...entry.parameters } }));

/**
 * Cases of a collection's child: the child's parameters move into the collection, and the label
 * becomes "Collection › Child" as the node names it.
 */
export function inside(collection: string, collectionLabel: string, cases: BadInput[]): BadInput[] {
	return cases.map((entry) => ({
		...entry,
		name: `${collectionLabel} › ${entry.name}`,
		parameters: { [collection]: entry.parameters },
		field: `${collectionLabel} › ${entry.field}`,
	}));
}
