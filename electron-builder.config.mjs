/**
 * Installers for users: `npm run dist` builds the app (electron-vite), better-sqlite3 for
 * Electron (scripts/build-electron-native.mjs) and then, with electron-builder, the installers of
 * the platform it runs on: AppImage and deb on Linux, dmg on macOS, an NSIS setup on Windows.
 * It downloads Electron and the packaging tools, so it needs the network: run it on a
 * developer's machine, one per platform. The installers land in dist/.
 *
 * The app inside is locked down for users (see src/main/production.ts for the run-time half):
 * the fuses below take away every way of running the Electron binary as something else.
 */

/** @type {import('electron-builder').Configuration} */
const config = {
  appId: 'com.copernicaclicks.desktop',
  productName: 'Copernica Clicks',
  // The deb needs a project URL; the app has no site of its own, so it names the service whose
  // statistics it shows.
  extraMetadata: { homepage: 'https://www.copernica.com/' },
  directories: { output: 'dist' },
  // What the app runs: the built bundles and the Electron build of better-sqlite3. The
  // production dependencies of package.json are added by electron-builder itself.
  files: ['out/**', 'native/**', 'package.json', '!**/*.map', '!node_modules/better-sqlite3/{deps,src}/**'],
  asar: true,
  // A worker thread cannot load a native module from inside the asar, and dlopen() needs a real
  // file: the backend worker (with the chunk it shares with main), the .node file it opens and
  // every package it imports are unpacked to app.asar.unpacked, where main starts the worker
  // (src/main/asarPaths.ts).
  asarUnpack: [
    'out/main/backendWorker.js',
    'out/main/chunks/**',
    'native/**/*.node',
    'node_modules/better-sqlite3/**',
    'node_modules/bindings/**',
    'node_modules/file-uri-to-path/**',
    'node_modules/yazl/**',
    'node_modules/buffer-crc32/**',
    'node_modules/zod/**',
    // The PDF report: pdfkit with every package it loads, and the DejaVu fonts it embeds
    // (src/backend/report/pdf/fonts.ts finds them next to the worker).
    'node_modules/pdfkit/**',
    'node_modules/dejavu-fonts-ttf/**',
    'node_modules/{@noble,@swc}/**',
    'node_modules/{fflate,fontkit,brotli,base64-js,clone,dfa,fast-deep-equal,restructure,tiny-inflate}/**',
    'node_modules/{unicode-properties,unicode-trie,pako,linebreak,png-js}/**',
    // The bot verdicts and devices (figures issue) in the worker.
    'node_modules/{isbot,ua-parser-js}/**',
  ],
  // node_modules keeps the Node build of better-sqlite3 for the tests and the CLI; the Electron
  // build is in native/. A rebuild here would swap the former for the latter.
  npmRebuild: false,
  electronFuses: {
    // No ELECTRON_RUN_AS_NODE, NODE_OPTIONS, NODE_EXTRA_CA_CERTS, --inspect or SIGUSR1 debugging.
    runAsNode: false,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    // Only the app.asar this installer shipped, checked against its hash (macOS, Windows).
    onlyLoadAppFromAsar: true,
    enableEmbeddedAsarIntegrityValidation: true,
    // The renderer is served from app://, never file://; cookies (none expected) encrypted.
    grantFileProtocolExtraPrivileges: false,
    enableCookieEncryption: true,
    loadBrowserProcessSpecificV8Snapshot: false,
    // Flipping fuses breaks the ad-hoc signature of an unsigned arm64 Mac build; sign it again.
    resetAdHocDarwinSignature: true,
  },
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Office',
    maintainer: 'Copernica Clicks',
  },
  mac: {
    target: ['dmg'],
    category: 'public.app-category.business',
  },
  win: {
    target: ['nsis'],
  },
  nsis: {
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true,
  },
};

export default config;
