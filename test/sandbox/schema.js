'use strict';
/**
 * Request-body validation against the vendors' published OpenAPI files, with ajv.
 * OpenAPI 3.0 schema objects are turned into JSON Schema first (`nullable`,
 * boolean `exclusiveMinimum/Maximum`, `discriminator`), and `$ref`s into
 * `#/components/schemas/...` are resolved inside the same document.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');

const SPEC_FILES = {
	intercom: 'intercom-2.14.openapi.yaml',
	chatwoot: 'chatwoot.openapi.json',
};

function specDirs(explicit) {
	return [
		explicit,
		process.env.SANDBOX_SPECS_DIR,
		path.join(__dirname, 'specs'),
		path.join(__dirname, '..', '..', 'vendor-specs'),
	].filter(Boolean);
}

function findSpec(name, explicitDir) {
	const file = SPEC_FILES[name];
	for (const dir of specDirs(explicitDir)) {
		const candidate = path.join(dir, file);
		if (fs.existsSync(candidate)) return candidate;
	}
	throw new Error(
		`vendor sandbox: ${file} not found (looked in ${specDirs(explicitDir).join(', ')}); set SANDBOX_SPECS_DIR`,
	);
}

function loadDeps() {
	try {
		const AjvModule = require('ajv');
		const formatsModule = require('ajv-formats');
		return {
			Ajv: AjvModule.default || AjvModule,
			addFormats: formatsModule.default || formatsModule,
			YAML: require('yaml'),
		};
	} catch (error) {
		throw new Error(
			`vendor sandbox needs the devDependencies ajv@8, ajv-formats and yaml (${error.message})`,
		);
	}
}

const KNOWN_FORMATS = new Set([
	'date',
	'time',
	'date-time',
	'iso-time',
	'iso-date-time',
	'duration',
	'uri',
	'uri-reference',
	'uri-template',
	'url',
	'email',
	'hostname',
	'ipv4',
	'ipv6',
	'regex',
	'uuid',
	'json-pointer',
	'json-pointer-uri-fragment',
	'relative-json-pointer',
	'byte',
	'int32',
	'int64',
	'float',
	'double',
	'password',
	'binary',
]);

/** OpenAPI 3.0 schema object → JSON Schema (draft-07 as ajv reads it). Refs are re-pointed with `refPrefix`. */
function toJsonSchema(node, refPrefix, formats, depth = 0) {
	if (depth > 200) throw new Error('schema nesting too deep');
	if (Array.isArray(node))
		return node.map((item) => toJsonSchema(item, refPrefix, formats, depth + 1));
	if (node === null || typeof node !== 'object') return node;
	const out = {};
	for (const [key, value] of Object.entries(node)) {
		if (
			key === 'discriminator' ||
			key === 'xml' ||
			key === 'externalDocs' ||
			key === 'example' ||
			key === 'nullable'
		)
			continue;
		if (key.startsWith('x-')) continue;
		if (key === '$ref' && typeof value === 'string' && value.startsWith('#/components/schemas/')) {
			out.$ref =
				refPrefix +
				value.slice('#/components/schemas/'.length).replace(/~/g, '~0').replace(/\//g, '~1');
			continue;
		}
		if (key === 'properties' || key === 'patternProperties' || key === 'definitions') {
			out[key] = {};
			for (const [name, sub] of Object.entries(value || {}))
				out[key][name] = toJsonSchema(sub, refPrefix, formats, depth + 1);
			continue;
		}
		if (key === 'format' && typeof value === 'string') formats.add(value);
		out[key] = toJsonSchema(value, refPrefix, formats, depth + 1);
	}
	if (out.exclusiveMinimum === true) {
		out.exclusiveMinimum = out.minimum;
		delete out.minimum;
	} else if (out.exclusiveMinimum === false) delete out.exclusiveMinimum;
	if (out.exclusiveMaximum === true) {
		out.exclusiveMaximum = out.maximum;
		delete out.maximum;
	} else if (out.exclusiveMaximum === false) delete out.exclusiveMaximum;
	if (node.nullable === true) {
		if (typeof out.type === 'string') {
			out.type = [out.type, 'null'];
			if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
		} else if (out.type === undefined) {
			return { anyOf: [out, { type: 'null' }] };
		}
	}
	return out;
}

const cache = new Map();

/** Parsing the 880 KB Intercom YAML takes about a second, so its JSON form is cached in the OS temp dir. */
function readSpec(file, YAML) {
	const content = fs.readFileSync(file, 'utf8');
	if (file.endsWith('.json')) return JSON.parse(content);
	const stat = fs.statSync(file);
	const cacheFile = path.join(
		os.tmpdir(),
		`vendor-sandbox-${path.basename(file)}-${stat.size}-${Math.floor(stat.mtimeMs)}.json`,
	);
	try {
		return JSON.parse(fs.readFileSync(cacheFile, 'utf8'));
	} catch {
		const doc = YAML.parse(content);
		try {
			fs.writeFileSync(`${cacheFile}.${process.pid}`, JSON.stringify(doc));
			fs.renameSync(`${cacheFile}.${process.pid}`, cacheFile);
		} catch {
			// a read-only temp dir only costs speed
		}
		return doc;
	}
}

/**
 * A validator set for one vendor's spec:
 *   v.forSchema('create_conversation_request')  → (body) => null | { field, message, errors }
 *   v.forRequest('/path', 'post')                → same, for a path's inline request body
 */
function specValidators(vendorName, options = {}) {
	const key = `${vendorName}:${options.specDir || ''}`;
	if (cache.has(key)) return cache.get(key);
	const { Ajv, addFormats, YAML } = loadDeps();
	const file = findSpec(vendorName, options.specDir);
	const doc = readSpec(file, YAML);
	const rootId = `sandbox-spec-${vendorName}`;
	const refPrefix = `${rootId}#/definitions/`;
	const formats = new Set();
	const definitions = {};
	for (const [name, schema] of Object.entries((doc.components && doc.components.schemas) || {})) {
		definitions[name] = toJsonSchema(schema, refPrefix, formats);
	}
	const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
	addFormats(ajv);
	// Intercom's spec marks its 24-hex-char ids as `format: uuid` (with minLength/maxLength 24), which no id could satisfy.
	ajv.addFormat('uuid', true);
	for (const f of formats) if (!KNOWN_FORMATS.has(f)) ajv.addFormat(f, true);
	ajv.addSchema({ $id: rootId, definitions });

	const compiled = new Map();
	function wrap(schema) {
		const validate = ajv.compile(schema);
		return (body) => (validate(body) ? null : explain(validate.errors || []));
	}
	const api = {
		doc,
		file,
		forSchema(name) {
			if (!definitions[name]) throw new Error(`${vendorName} spec has no schema ${name}`);
			if (!compiled.has(name)) compiled.set(name, wrap({ $ref: `${refPrefix}${name}` }));
			return compiled.get(name);
		},
		/** The converted JSON Schema of a component, to derive a relaxed copy from. */
		schemaOf(name) {
			return JSON.parse(JSON.stringify(definitions[name]));
		},
		/** A validator for a schema object given directly (already JSON Schema; may $ref the spec's components). */
		compile(schema) {
			return wrap(schema);
		},
		forRequest(pathKey, method, patch) {
			const id = `${method} ${pathKey}`;
			if (compiled.has(id)) return compiled.get(id);
			const op = doc.paths && doc.paths[pathKey] && doc.paths[pathKey][method];
			const content = op && op.requestBody && op.requestBody.content;
			const media = content && Object.keys(content).find((t) => t.includes('json'));
			if (!media) throw new Error(`${vendorName} spec has no JSON request body for ${id}`);
			let schema = toJsonSchema(content[media].schema, refPrefix, new Set());
			if (patch) schema = patch(schema);
			compiled.set(id, wrap(schema));
			return compiled.get(id);
		},
	};
	cache.set(key, api);
	return api;
}

function fieldOf(error) {
	const base = error.instancePath.replace(/^\//, '').replace(/\//g, '.');
	if (error.keyword === 'required')
		return base ? `${base}.${error.params.missingProperty}` : error.params.missingProperty;
	if (error.keyword === 'additionalProperties') {
		return base ? `${base}.${error.params.additionalProperty}` : error.params.additionalProperty;
	}
	return base || '(request body)';
}

function describe(error) {
	const field = fieldOf(error);
	switch (error.keyword) {
		case 'required':
			return `${field} is required`;
		case 'enum':
			return `${field} must be one of: ${error.params.allowedValues.map(String).join(', ')}`;
		case 'type':
			return `${field} must be of type ${error.params.type}`;
		case 'additionalProperties':
			return `${field} is not a permitted field`;
		default:
			return `${field} ${error.message}`;
	}
}

/** Picks the most telling ajv error: the deepest concrete one; several `required` at one place read "one of …". */
function explain(errors) {
	const concrete = errors.filter(
		(e) => !['oneOf', 'anyOf', 'allOf', 'not', 'if'].includes(e.keyword),
	);
	const pool = concrete.length ? concrete : errors;
	const depth = (e) =>
		(e.instancePath.match(/\//g) || []).length + (e.keyword === 'required' ? 1 : 0);
	const deepest = Math.max(...pool.map(depth));
	const top = pool.filter((e) => depth(e) === deepest);
	const required = top.filter(
		(e) => e.keyword === 'required' && e.instancePath === top[0].instancePath,
	);
	const anyOfFailure = errors.some(
		(e) =>
			(e.keyword === 'anyOf' || e.keyword === 'oneOf') && e.instancePath === top[0].instancePath,
	);
	if (required.length > 1 && anyOfFailure && required.length === top.length) {
		const names = [...new Set(required.map(fieldOf))];
		return { field: names.join('|'), message: `one of ${names.join(', ')} is required`, errors };
	}
	const chosen = top[0];
	return { field: fieldOf(chosen), message: describe(chosen), errors };
}

module.exports = { specValidators, toJsonSchema, explain };
