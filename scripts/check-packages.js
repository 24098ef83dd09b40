#!/usr/bin/env node
'use strict';
/*
 * `npm run check:packages` (after `npm run build`): every package on its own packed tarball, as n8n
 * and npm see it.
 *   1. its package.json has what n8n's verification and npm need, and nothing of other vendors;
 *   2. `npm pack`: the tarball holds only package.json, README.md, LICENSE.md, CHANGELOG.md and its
 *      own dist/ files, is under 100 kB, and every require() stays inside it or names n8n-workflow;
 *   3. n8n's scanner (@n8n/scan-community-package's own analyzePackage, the rules and file patterns
 *      it applies): the source leg on the package folder, the built-JavaScript leg on the tarball;
 *   4. `n8n-node lint` (@n8n/node-cli, strict, its default eslint.config.mjs) in the package folder;
 *   5. `npm publish --dry-run` lists the same files as the tarball.
 * Prints one line of figures per package and exits 1 if any check fails.
 *   node scripts/check-packages.js [vendor …]
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const { packages, sourceOf } = require('..');

const ROOT = path.resolve(__dirname, '..');
const MAX_TARBALL_BYTES = 100 * 1024;
const REPOSITORY = 'https://github.com/n8n-nodes-conversations/n8n-nodes-conversations';
const ALLOWED_REQUIRES = new Set(['n8n-workflow', 'crypto', 'node:crypto']);
const TOP_LEVEL_FILES = new Set(['package.json', 'README.md', 'LICENSE.md', 'CHANGELOG.md']);

function run(command, args, cwd) {
	const result = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
	if (result.error) throw result.error;
	return { code: result.status, stdout: result.stdout, output: `${result.stdout}${result.stderr}` };
}

/** What n8n's verification and the issue ask of each manifest; returns the problems. */
function manifestProblems(pkg) {
	const m = pkg.manifest;
	const problems = [];
	const expect = (ok, what) => ok || problems.push(what);
	expect(
		m.name === `n8n-nodes-${pkg.vendor}-conversations`,
		`name is n8n-nodes-${pkg.vendor}-conversations`,
	);
	expect(/^\d+\.\d+\.\d+$/.test(m.version ?? ''), 'version is x.y.z');
	expect(typeof m.description === 'string' && m.description.length > 20, 'has a description');
	expect(m.keywords?.includes('n8n-community-node-package'), 'keyword n8n-community-node-package');
	expect(m.keywords?.includes(pkg.vendor), `keyword ${pkg.vendor}`);
	expect(m.license === 'MIT', 'license MIT');
	expect(m.author?.name && m.author?.email, 'author with name and email');
	expect(m.repository?.url === `git+${REPOSITORY}.git`, `repository.url git+${REPOSITORY}.git`);
	expect(
		m.repository?.directory === `packages/${pkg.vendor}`,
		`repository.directory packages/${pkg.vendor}`,
	);
	expect(
		m.homepage === `${REPOSITORY}/tree/main/packages/${pkg.vendor}#readme`,
		'homepage is its README',
	);
	expect(m.bugs?.url === `${REPOSITORY}/issues`, 'bugs.url');
	expect(
		JSON.stringify(m.files) === JSON.stringify(['dist', 'CHANGELOG.md']),
		'files ["dist", "CHANGELOG.md"]',
	);
	expect(m.n8n?.strict === true, 'n8n.strict true');
	expect(m.n8n?.n8nNodesApiVersion === 1, 'n8n.n8nNodesApiVersion 1');
	expect(
		JSON.stringify(m.peerDependencies) === '{"n8n-workflow":"*"}',
		'peerDependencies {"n8n-workflow": "*"} only',
	);
	for (const field of [
		'dependencies',
		'optionalDependencies',
		'bundleDependencies',
		'overrides',
		'scripts',
	])
		expect(m[field] === undefined, `no ${field}`);
	const own = [...(m.n8n?.nodes ?? []), ...(m.n8n?.credentials ?? [])];
	expect(m.n8n?.credentials?.length === 1, 'exactly one credential');
	for (const file of own) {
		expect(
			fs.existsSync(path.join(ROOT, sourceOf(file))),
			`${file} has a source ${sourceOf(file)}`,
		);
		for (const other of packages.filter((p) => p !== pkg))
			for (const theirs of [...other.manifest.n8n.nodes, ...other.manifest.n8n.credentials])
				expect(file !== theirs, `${file} is not also in ${other.name}`);
	}
	return problems;
}

/** The folders of the vendor's own files: its nodes' folder, the shared core, its credential. */
function ownFile(pkg, file) {
	if (TOP_LEVEL_FILES.has(file)) return true;
	const nodeFolders = new Set(pkg.manifest.n8n.nodes.map((node) => path.dirname(node)));
	const credentials = new Set(pkg.manifest.n8n.credentials);
	const folder = [...nodeFolders].find((f) => file.startsWith(`${f}/`));
	return Boolean(folder) || file.startsWith('dist/nodes/shared/') || credentials.has(file);
}

/** require() calls of the packed JavaScript that leave the package or name a module n8n does not give it. */
function strayRequires(unpackedDir, files) {
	const stray = [];
	for (const file of files.filter((f) => f.endsWith('.js'))) {
		const text = fs.readFileSync(path.join(unpackedDir, file), 'utf8');
		for (const [, target] of text.matchAll(/require\(["']([^"']+)["']\)/g)) {
			if (!target.startsWith('.')) {
				if (!ALLOWED_REQUIRES.has(target)) stray.push(`${file}: require('${target}')`);
				continue;
			}
			const resolved = path.join(path.dirname(file), target);
			const exists = ['', '.js', '.json', '/index.js'].some((ext) =>
				files.includes(`${resolved}${ext}`),
			);
			if (resolved.startsWith('..') || !exists)
				stray.push(`${file}: require('${target}') is not in the package`);
		}
	}
	return stray;
}

/** Shipped files that name another vendor (the shared core must stay vendor-neutral). */
function otherVendorsNamed(pkg, unpackedDir, files) {
	const others = packages.filter((p) => p !== pkg).map((p) => p.vendor);
	const pattern = new RegExp(others.join('|'), 'i');
	return files.filter(
		(file) =>
			pattern.test(file) || pattern.test(fs.readFileSync(path.join(unpackedDir, file), 'utf8')),
	);
}

async function scanner() {
	return import('@n8n/scan-community-package/scanner/scanner.mjs');
}

async function checkPackage(pkg, workDir) {
	const failures = manifestProblems(pkg).map((p) => `package.json: ${p}`);
	if (!fs.existsSync(path.join(pkg.dir, 'dist')))
		throw new Error(`${pkg.name}: not built (npm run build)`);

	const packed = run('npm', ['pack', '--json', '--pack-destination', workDir], pkg.dir);
	if (packed.code !== 0) throw new Error(`${pkg.name}: npm pack failed\n${packed.output}`);
	const [info] = JSON.parse(packed.stdout);
	const files = info.files.map((f) => f.path).sort();
	for (const file of files.filter((f) => !ownFile(pkg, f)))
		failures.push(`tarball: ${file} is not this vendor's`);
	for (const file of files.filter((f) => /\.(ts|map)$/.test(f)))
		failures.push(`tarball: ${file} should not ship`);
	for (const file of TOP_LEVEL_FILES)
		if (!files.includes(file)) failures.push(`tarball: no ${file}`);
	for (const file of [...pkg.manifest.n8n.nodes, ...pkg.manifest.n8n.credentials])
		if (!files.includes(file)) failures.push(`tarball: ${file} (listed in n8n) is missing`);
	if (info.size >= MAX_TARBALL_BYTES)
		failures.push(`tarball: ${info.size} bytes, over ${MAX_TARBALL_BYTES}`);

	const unpacked = path.join(workDir, pkg.vendor);
	fs.mkdirSync(unpacked, { recursive: true });
	const untar = run(
		'tar',
		['-xzf', path.join(workDir, info.filename), '-C', unpacked, '--strip-components=1'],
		ROOT,
	);
	if (untar.code !== 0) throw new Error(`${pkg.name}: tar failed\n${untar.output}`);
	failures.push(...strayRequires(unpacked, files).map((s) => `imports: ${s}`));
	const naming = otherVendorsNamed(
		pkg,
		unpacked,
		files.filter((f) => f.startsWith('dist/')),
	);
	failures.push(...naming.map((file) => `tarball: ${file} names another vendor`));

	const { analyzePackage, SOURCE_FILE_PATTERNS } = await scanner();
	const sourceLeg = await analyzePackage(pkg.dir, SOURCE_FILE_PATTERNS);
	const distLeg = await analyzePackage(unpacked, ['**/*.js', 'package.json']);
	for (const [leg, result] of [
		['source', sourceLeg],
		['built JavaScript', distLeg],
	])
		if (!result.passed)
			failures.push(`scanner (${leg}): ${result.message}\n${result.details ?? ''}`);

	const lint = run(path.join(ROOT, 'node_modules', '.bin', 'n8n-node'), ['lint'], pkg.dir);
	if (lint.code !== 0) failures.push(`n8n-node lint: exit ${lint.code}\n${lint.output}`);

	const dryRun = run('npm', ['publish', '--dry-run', '--json'], pkg.dir);
	let published = [];
	try {
		const parsed = JSON.parse(dryRun.stdout);
		published = (parsed[pkg.name] ?? parsed).files.map((f) => f.path).sort();
	} catch {
		failures.push(
			`npm publish --dry-run: unreadable answer (exit ${dryRun.code})\n${dryRun.output}`,
		);
	}
	if (published.length && JSON.stringify(published) !== JSON.stringify(files))
		failures.push('npm publish --dry-run: lists other files than npm pack');

	return {
		failures,
		figures: {
			package: pkg.name,
			version: pkg.version,
			'tarball kB': (info.size / 1024).toFixed(1),
			'unpacked kB': (info.unpackedSize / 1024).toFixed(1),
			files: files.length,
			scanner: sourceLeg.passed && distLeg.passed ? 'pass (both legs)' : 'FAIL',
			'n8n-node lint': lint.code === 0 ? 'pass' : 'FAIL',
		},
	};
}

async function main() {
	const wanted = process.argv.slice(2);
	const chosen = packages.filter((p) => !wanted.length || wanted.includes(p.vendor));
	if (!chosen.length) throw new Error(`no package among: ${wanted.join(', ')}`);
	const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'check-packages-'));
	const rows = [];
	let failed = false;
	try {
		for (const pkg of chosen) {
			const { failures, figures } = await checkPackage(pkg, workDir);
			rows.push(figures);
			if (failures.length) {
				failed = true;
				console.error(`\n${pkg.name}: ${failures.length} problem(s)\n- ${failures.join('\n- ')}`);
			}
		}
	} finally {
		fs.rmSync(workDir, { recursive: true, force: true });
	}
	console.table(rows);
	if (failed) process.exit(1);
}

main().catch((error) => {
	console.error(error.stack || error.message);
	process.exit(1);
});
