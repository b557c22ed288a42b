// Runs the firebase-tools Cloud Storage emulator, which serves the GCS JSON API, without the
// firebase CLI (the CLI needs a firebase.json, a project and a login). start.sh runs it.
//
// Environment:
//   GCS_HOST                 address to listen on; default 127.0.0.1
//   GCS_PORT                 port; default 6062
//   FIREBASE_EMULATORS_PATH  folder that contains cloud-storage-rules-runtime-v1.1.3.jar; start.sh
//                            puts a stand-in built from RulesStub.java there, because the real
//                            runtime is a download that firebase-tools would fetch at start-up.
'use strict';

const fs = require('fs');
const path = require('path');
const { StorageEmulator } = require('firebase-tools/lib/emulator/storage');
const { EmulatorRegistry } = require('firebase-tools/lib/emulator/registry');

const host = process.env.GCS_HOST || '127.0.0.1';
const port = Number(process.env.GCS_PORT || 6062);
const rulesFile = path.join(__dirname, 'storage.rules');
const startedAt = Date.now();

const emulator = new StorageEmulator({
  host,
  port,
  projectId: 'demo-registry-tests',
  rules: { name: rulesFile, content: fs.readFileSync(rulesFile, 'utf8') },
  auto_download: false,
});

EmulatorRegistry.start(emulator)
  .then(() => console.log(`GCS emulator listening on ${host}:${port} after ${Date.now() - startedAt} ms`))
  .catch((error) => {
    console.error('GCS emulator failed to start:', error);
    process.exit(1);
  });

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    emulator.stop().finally(() => process.exit(0));
  });
}
