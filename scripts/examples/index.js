'use strict';
/**
 * Examples beyond the CRM chains of make-examples.js (triggers, lifecycle operations, AI):
 * each file here exports `examples(helpers)` → [{ file, vendor, kind, workflow }].
 * `helpers` are make-examples' builders (SANDBOX_CREDENTIALS, nodeType, uuid, node, connect, sticky).
 */
const fs = require('fs');
const path = require('path');

function moreExamples(helpers) {
	return fs
		.readdirSync(__dirname)
		.filter((f) => f.endsWith('.js') && f !== 'index.js')
		.sort()
		.flatMap((f) => require(path.join(__dirname, f)).examples(helpers));
}

module.exports = { moreExamples };
