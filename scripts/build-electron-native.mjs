#!/usr/bin/env node
/**
 * Builds better-sqlite3 for the installed Electron's ABI into
 * native/electron-<version>-<platform>-<arch>/better_sqlite3.node, which the app's backend worker
 * loads through better-sqlite3's `nativeBinding` option.
 *
 * node_modules/better-sqlite3/build is never touched: tests and the CLI run under plain Node and
 * need the Node build that `npm install` put there. The package is copied to a temporary folder
 * and built there: first a prebuilt binary (prebuild-install, from GitHub releases), else a
 * compile with node-gyp against Electron's headers. Both need the internet.
 *
 * Usage: node scripts/build-electron-native.mjs [--force] [--from-source]
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(projectRoot, 'package.json'));

/** Must match electronNativeBindingPath in src/main/nativeBinding.ts (test/main/nativeBinding.test.ts checks). */
export function electronBindingFile(root, { electron, platform, arch }) {
  return join(root, 'native', `electron-${electron}-${platform}-${arch}`, 'better_sqlite3.node');
}

function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** A failure the user can act on: printed without a stack. */
export class BuildError extends Error {}

/**
 * The ABI (NODE_MODULE_VERSION) a native module was built for: the number in the
 * `node_register_module_v<ABI>` symbol every non-N-API addon exports. Null when there is none.
 */
export function moduleAbiOf(file) {
  const match = /node_register_module_v(\d+)/.exec(readFileSync(file).toString('latin1'));
  return match ? match[1] : null;
}

/** Electron's ABI: the file its package ships, else node-abi's table (a dependency of prebuild-install). */
export function electronAbi(electronVersion) {
  const shipped = join(dirname(require.resolve('electron/package.json')), 'abi_version');
  if (existsSync(shipped)) return readFileSync(shipped, 'utf8').trim();
  return String(require('node-abi').getAbi(electronVersion, 'electron'));
}

/**
 * A build that Electron cannot load fails here, loudly, rather than at the app's start: a compile
 * that took Node's headers (an npm `nodedir` setting, a cached header folder) says "ok" all the
 * same.
 */
export function assertElectronAbi(file, expected, electronVersion) {
  const found = moduleAbiOf(file);
  if (found === expected) return;
  const nodedir = process.env.npm_config_nodedir;
  throw new BuildError(
    `${file} was built for ABI ${found ?? 'unknown'}, but Electron ${electronVersion} loads ABI ${expected}` +
      (found === process.versions.modules ? ` (ABI ${found} is this Node's, ${process.version}).` : '.') +
      ' The compile used the wrong headers' +
      (nodedir ? `: npm's nodedir setting points at ${nodedir}; unset it (npm config delete nodedir)` : '') +
      '. Nothing was installed; fix that and run this again.',
  );
}

/** Runs a command, inheriting the terminal; true when it exited with 0. */
function run(command, args, cwd) {
  console.log(`\n> ${[command, ...args].join(' ')}\n  (in ${cwd})`);
  const result = spawnSync(command, args, { cwd, stdio: 'inherit', env: process.env });
  if (result.error) console.error(`  could not run ${command}: ${result.error.message}`);
  return result.status === 0;
}

/** node-gyp ships inside npm; npm tells scripts where, otherwise look next to the running Node. */
function findNodeGyp() {
  const candidates = [
    process.env.npm_config_node_gyp,
    join(
      dirname(process.execPath),
      '..',
      'lib',
      'node_modules',
      'npm',
      'node_modules',
      'node-gyp',
      'bin',
      'node-gyp.js',
    ),
    join(dirname(process.execPath), 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
  ];
  return candidates.find((candidate) => candidate && existsSync(candidate)) ?? null;
}

function main() {
  const force = process.argv.includes('--force');
  const fromSource = process.argv.includes('--from-source');

  // Electron's version comes from its package.json: requiring 'electron' would try to download
  // the Electron binary, which this script does not need.
  let electronPackage;
  let sqlitePackageDir;
  try {
    electronPackage = readJson(require.resolve('electron/package.json'));
    sqlitePackageDir = dirname(require.resolve('better-sqlite3/package.json'));
  } catch (error) {
    throw new BuildError(
      `electron and better-sqlite3 must be installed first (npm install). ${error.message}`,
    );
  }
  const sqliteVersion = readJson(join(sqlitePackageDir, 'package.json')).version;
  const target = { electron: electronPackage.version, platform: process.platform, arch: process.arch };
  const destination = electronBindingFile(projectRoot, target);

  const abi = electronAbi(target.electron);
  if (existsSync(destination) && !force) {
    assertElectronAbi(destination, abi, target.electron);
    console.log(`Already built: ${destination}\n(use --force to build it again)`);
    return;
  }
  console.log(
    `Building better-sqlite3 ${sqliteVersion} for Electron ${target.electron} (${target.platform}-${target.arch})…`,
  );

  const work = mkdtempSync(join(tmpdir(), 'copernica-clicks-better-sqlite3-'));
  try {
    // Without build/: a leftover Node build there would be mistaken for the Electron one.
    const nodeBuild = join(sqlitePackageDir, 'build');
    cpSync(sqlitePackageDir, work, {
      recursive: true,
      filter: (source) => source !== nodeBuild && !source.startsWith(nodeBuild + sep),
    });
    const built = join(work, 'build', 'Release', 'better_sqlite3.node');
    const attempts = [];

    if (!fromSource) {
      const prebuildInstall = join(dirname(require.resolve('prebuild-install/package.json')), 'bin.js');
      const downloaded = run(
        process.execPath,
        [
          prebuildInstall,
          '--runtime=electron',
          `--target=${target.electron}`,
          `--arch=${target.arch}`,
          `--platform=${target.platform}`,
          '--verbose',
        ],
        work,
      );
      attempts.push(`prebuilt download (prebuild-install): ${downloaded ? 'ok' : 'failed'}`);
    }

    if (!existsSync(built)) {
      const nodeGyp = findNodeGyp();
      if (!nodeGyp) {
        attempts.push('compile (node-gyp): node-gyp not found (install it with "npm install -g node-gyp")');
      } else {
        const compiled = run(
          process.execPath,
          [
            nodeGyp,
            'rebuild',
            '--release',
            `--target=${target.electron}`,
            `--arch=${target.arch}`,
            '--dist-url=https://electronjs.org/headers',
            '--runtime=electron',
          ],
          work,
        );
        attempts.push(`compile against Electron's headers (node-gyp): ${compiled ? 'ok' : 'failed'}`);
      }
    }

    if (!existsSync(built)) {
      throw new BuildError(
        `could not build better-sqlite3 for Electron ${target.electron}.\n` +
          attempts.map((line) => `  - ${line}`).join('\n') +
          '\n\nBoth ways need the internet: the prebuilt binary comes from github.com, the headers for a ' +
          'compile from electronjs.org (a compile also needs Python 3 and a C++ toolchain). ' +
          'Run this again on a connected machine. node_modules/better-sqlite3 was not changed.',
      );
    }

    assertElectronAbi(built, abi, target.electron);
    mkdirSync(dirname(destination), { recursive: true });
    cpSync(built, destination);
    // Machine-specific build output: keep it out of git without editing the root .gitignore.
    writeFileSync(join(projectRoot, 'native', '.gitignore'), '*\n');
    console.log(`\nBuilt ${destination} (ABI ${abi}, as Electron ${target.electron} loads)`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    main();
  } catch (error) {
    if (!(error instanceof BuildError)) throw error;
    console.error(`\nbuild-electron-native: ${error.message}\n`);
    process.exitCode = 1;
  }
}
