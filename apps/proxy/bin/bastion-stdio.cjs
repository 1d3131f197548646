#!/usr/bin/env node
// Entry point a desktop MCP client launches: `node /path/to/bastion/apps/proxy/bin/bastion-stdio.cjs
// --url http://127.0.0.1:8000/mcp` with BASTION_KEY in its environment. Compiles the TypeScript
// source on the fly with the repo's tsconfig, whatever the client's working directory is.
const path = require('node:path');

process.env.SWC_NODE_PROJECT = path.join(__dirname, '..', '..', '..', 'tsconfig.json');
require('@swc-node/register');
require('../src/stdio-bridge.ts');
