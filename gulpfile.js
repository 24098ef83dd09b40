// `npm run build` (gulp build): each package of packages/ from the one source tree (nodes/, credentials/).
// For every package, TypeScript's own compiler starts at the nodes and credential its package.json
// lists and emits what they import (the vendor's folder and the shared files it uses, nothing of
// other vendors) into packages/<vendor>/dist, with the icons and codex files n8n reads next to them.
// The package folder also gets a copy of those sources, so that `n8n-node lint` and n8n's scanner
// lint it as a package of its own, and the repository's LICENSE.md. All of that is git-ignored build
// output; the package's package.json, README.md, CHANGELOG.md and eslint.config.mjs are committed.
//   npx gulp build:<vendor>   one package

const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

const { series } = require('gulp');

const { packages, sourceOf } = require('.');

const ROOT = __dirname;
/** What the build writes into a package folder (removed first, so deleted sources never ship). */
const BUILD_OUTPUT = ['dist', 'nodes', 'credentials', 'LICENSE.md'];
/** Files next to a compiled source that n8n reads at run time: icons and codex. */
const STATIC_FILE = /\.(svg|png)$|\.node\.json$/;

function compilerOptions(outDir) {
	const file = path.join(ROOT, 'tsconfig.build.json');
	const { config, error } = ts.readConfigFile(file, ts.sys.readFile);
	if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
	const parsed = ts.parseJsonConfigFileContent(config, ts.sys, ROOT, { outDir }, file);
	return parsed.options;
}

function copyInto(pkgDir, relativeFile) {
	const target = path.join(pkgDir, relativeFile);
	fs.mkdirSync(path.dirname(target), { recursive: true });
	fs.copyFileSync(path.join(ROOT, relativeFile), target);
}

function buildPackage(pkg) {
	for (const entry of BUILD_OUTPUT)
		fs.rmSync(path.join(pkg.dir, entry), { recursive: true, force: true });
	const { nodes, credentials } = pkg.manifest.n8n;
	const entries = [...nodes, ...credentials].map((file) => path.join(ROOT, sourceOf(file)));
	const program = ts.createProgram(entries, compilerOptions(path.join(pkg.dir, 'dist')));
	const diagnostics = [...ts.getPreEmitDiagnostics(program), ...program.emit().diagnostics];
	if (diagnostics.length) {
		const host = {
			getCanonicalFileName: (f) => f,
			getCurrentDirectory: () => ROOT,
			getNewLine: () => '\n',
		};
		throw new Error(`${pkg.name}: TypeScript errors\n${ts.formatDiagnostics(diagnostics, host)}`);
	}
	const sources = program
		.getSourceFiles()
		.map((file) => path.relative(ROOT, file.fileName))
		.filter(
			(file) => !file.startsWith('..') && !file.includes('node_modules') && !file.endsWith('.d.ts'),
		);
	const folders = new Set(sources.map((file) => path.dirname(file)));
	const statics = [...folders].flatMap((folder) =>
		fs
			.readdirSync(path.join(ROOT, folder))
			.filter((name) => STATIC_FILE.test(name))
			.map((name) => path.join(folder, name)),
	);
	for (const file of [...sources, ...statics]) copyInto(pkg.dir, file);
	for (const file of statics) copyInto(path.join(pkg.dir, 'dist'), file);
	fs.copyFileSync(path.join(ROOT, 'LICENSE.md'), path.join(pkg.dir, 'LICENSE.md'));
	return { sources: sources.length, statics: statics.length };
}

function buildTask(pkg) {
	const task = async () => {
		const { sources, statics } = buildPackage(pkg);
		console.log(`${pkg.name}: ${sources} sources, ${statics} icons and codex files`);
	};
	task.displayName = `build:${pkg.vendor}`;
	return task;
}

const tasks = packages.map(buildTask);
for (const task of tasks) exports[task.displayName] = task;
exports.build = series(...tasks);
