// Copies what tsc does not emit into dist/: node and credential icons (light and dark SVG)
// and the codex files (<Node>.node.json) that n8n reads next to each node.
const fs = require('node:fs');
const { src, dest, parallel } = require('gulp');

/** Removes dist/, so files of deleted sources are never packed. */
async function clean() {
	fs.rmSync('dist', { recursive: true, force: true });
}

function copyIcons() {
	return src(['nodes/**/*.svg', 'credentials/**/*.svg'], { base: '.', encoding: false }).pipe(
		dest('dist'),
	);
}

function copyCodex() {
	return src('nodes/**/*.node.json', { base: '.' }).pipe(dest('dist'));
}

exports.clean = clean;
exports['build:icons'] = parallel(copyIcons, copyCodex);
