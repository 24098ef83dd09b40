import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import nock from 'nock';

// n8n-core writes its settings below N8N_USER_FOLDER: keep that out of the user's home.
const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-conversations-test-'));
process.env.N8N_USER_FOLDER = userFolder;
process.env.N8N_ENCRYPTION_KEY = 'test-encryption-key';
process.env.N8N_LOG_LEVEL = 'silent';
process.env.N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS = 'false';
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';

nock.disableNetConnect();
// Fault tests and the sandbox use real servers on loopback.
nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
