// The Dialect extension: starts `dialect lsp` (over standard input and output) for .dial files.
// Plain JavaScript so that packaging needs no compiler; the only runtime dependency is
// vscode-languageclient, bundled into the .vsix by scripts/package-vscode.
'use strict';

const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

let client;

function activate(context) {
  const config = vscode.workspace.getConfiguration('dialect');
  const command = config.get('server.path', 'dialect');
  const args = ['lsp', ...config.get('server.extraArgs', [])];
  const serverOptions = {
    run: { command, args, transport: TransportKind.stdio },
    debug: { command, args, transport: TransportKind.stdio },
  };
  const clientOptions = {
    documentSelector: [{ scheme: 'file', language: 'dialect' }],
    synchronize: {
      fileEvents: vscode.workspace.createFileSystemWatcher('**/{*.dial,dialect.toml,environments/*.toml}'),
    },
  };
  client = new LanguageClient('dialect', 'Dialect language server', serverOptions, clientOptions);
  client.start().catch((err) => {
    vscode.window.showErrorMessage(
      `Dialect: could not start \`${command} lsp\` (${err.message}). ` +
        'Install the dialect command or set "dialect.server.path".'
    );
  });
  context.subscriptions.push({ dispose: () => client && client.stop() });
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
