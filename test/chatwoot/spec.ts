import fs from 'node:fs';
import path from 'node:path';

import Ajv from 'ajv';

/**
 * Chatwoot's published OpenAPI file (test/sandbox/specs), as ajv validators of request bodies. Objects
 * that declare their properties are closed (additionalProperties: false) so that a key Chatwoot does
 * not document fails the test instead of passing silently.
 */
const CANDIDATES = [
	process.env.CHATWOOT_OPENAPI,
	// the published file, copied unchanged into the repository with the sandbox
	path.resolve(__dirname, '../sandbox/specs/chatwoot.openapi.json'),
].filter((candidate): candidate is string => !!candidate);

export const SPEC_FILE = CANDIDATES.find((candidate) => fs.existsSync(candidate)) as string;

type Schema = Record<string, unknown>;

const spec = JSON.parse(fs.readFileSync(SPEC_FILE, 'utf8')) as {
	paths: Record<
		string,
		Record<string, { requestBody?: { content: Record<string, { schema: Schema }> } }>
	>;
	components: { schemas: Record<string, Schema> };
};

function resolve(node: unknown, depth = 0): unknown {
	if (depth > 50) throw new Error('schema too deep');
	if (Array.isArray(node)) return node.map((entry) => resolve(entry, depth + 1));
	if (typeof node !== 'object' || node === null) return node;
	const object = node as Schema;
	if (typeof object.$ref === 'string') {
		const name = object.$ref.replace('#/components/schemas/', '');
		return resolve(spec.components.schemas[name], depth + 1);
	}
	const out: Schema = {};
	for (const [key, value] of Object.entries(object)) {
		if (key === 'example' || key === 'nullable' || key.startsWith('x-')) continue;
		if (key === 'properties') {
			out.properties = Object.fromEntries(
				Object.entries(value as Schema).map(([name, sub]) => [name, resolve(sub, depth + 1)]),
			);
		} else {
			out[key] = resolve(value, depth + 1);
		}
	}
	if (
		out.properties &&
		Object.keys(out.properties).length > 0 &&
		out.additionalProperties === undefined
	) {
		out.additionalProperties = false;
	}
	return out;
}

const ajv = new Ajv({ strict: false, allErrors: true });

export type BodyValidator = (body: unknown) => string[];

function compile(schema: Schema): BodyValidator {
	const validate = ajv.compile(resolve(schema) as Schema);
	return (body) => {
		if (validate(body)) return [];
		return (validate.errors ?? []).map(
			(error) =>
				`${error.instancePath || '(body)'} ${error.message ?? ''} ${JSON.stringify(error.params)}`,
		);
	};
}

export function forSchema(name: string): BodyValidator {
	const schema = spec.components.schemas[name];
	if (!schema) throw new Error(`${name} is not in ${SPEC_FILE}`);
	return compile(schema);
}

export function forRequest(pathName: string, method: string): BodyValidator {
	const content = spec.paths[pathName]?.[method]?.requestBody?.content;
	if (!content) throw new Error(`${method} ${pathName} has no request body in ${SPEC_FILE}`);
	return compile(Object.values(content)[0].schema);
}

/** Compiles a schema from another document (the seed's OpenAPI 3.1 text). */
export function forPlainSchema(schema: Schema): BodyValidator {
	return compile(schema);
}
