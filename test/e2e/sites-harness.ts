/**
 * Real backoffices, end to end: serve a site's fixture pages under its real host name and path
 * (Chromium's --host-resolver-rules sends the host to 127.0.0.1; HTTPS hosts get a self-signed
 * certificate and --ignore-certificate-errors), so the shipped patterns and permissions are
 * exercised unchanged.
 *
 * Granting a site: `permissions.request` opens a prompt that nothing can answer in headless
 * Chromium (a testing switch to auto-accept it did not help). What a user's click on "Enable"
 * leaves behind is a grant in the profile's Preferences; `launchWithGrants` writes exactly that
 * (granted and active explicit hosts) into a fresh profile and relaunches Chromium on it,
 * so the extension starts as it would the day after the user enabled the site.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXTENSION_ID, launchBrowser, makeUserDataDir, pollUntil, type ExtensionBrowser, type LaunchOptions } from './harness.ts';

export interface SiteServer {
  /** e.g. https://admin.shopify.com:40123 */
  readonly origin: string;
  close(): Promise<void>;
}

/** A throwaway self-signed certificate for the given host names (made with openssl, never kept). */
export function selfSignedCertificate(hosts: readonly string[]): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'buyerlens-tls-'));
  const san = hosts.map((h) => `DNS:${h}`).join(',');
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2',
    '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    '-subj', `/CN=${hosts[0]}`, '-addext', `subjectAltName=${san}`,
  ], { stdio: 'ignore' });
  return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
}

/**
 * Serve `routes` (path with query → HTML file in `pagesDir`) for `host` over HTTP or HTTPS on a
 * free port. Unknown paths answer 404, so a test cannot pass on a page it did not mean to load.
 */
export async function startSiteServer(opts: {
  host: string;
  https: boolean;
  pagesDir: string;
  routes: Record<string, string>;
  extraHosts?: readonly string[];
}): Promise<SiteServer> {
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const file = opts.routes[req.url ?? ''] ?? opts.routes[(req.url ?? '').split('?')[0]!];
    if (!file || !existsSync(join(opts.pagesDir, file))) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`no fixture for ${req.url}`);
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(readFileSync(join(opts.pagesDir, file)));
  };
  const server = opts.https
    ? createHttpsServer(selfSignedCertificate([opts.host, ...(opts.extraHosts ?? [])]), handler)
    : createHttpServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `${opts.https ? 'https' : 'http'}://${opts.host}:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Chromium flags that send these host names to this machine and accept our certificate. */
export function hostFlags(hosts: readonly string[]): string[] {
  return [`--host-resolver-rules=${hosts.map((h) => `MAP ${h} 127.0.0.1`).join(',')}`, '--ignore-certificate-errors'];
}

/**
 * The extension in a profile where the user already enabled `origins` (see the file comment).
 * The first launch creates the profile and the extension's entry; the grant is added to it;
 * the second launch is the one the test uses.
 */
export async function launchWithGrants(origins: readonly string[], opts: LaunchOptions = {}): Promise<ExtensionBrowser> {
  const userDataDir = makeUserDataDir('buyerlens-e2e-site-');
  const first = await launchBrowser({ ...opts, userDataDir });
  await first.close();
  const file = join(userDataDir, 'Default', 'Preferences');
  const prefs = JSON.parse(readFileSync(file, 'utf8')) as {
    extensions?: { settings?: Record<string, Record<string, { explicit_host?: string[] } | unknown>> };
  };
  const settings = prefs.extensions?.settings?.[EXTENSION_ID];
  if (!settings) throw new Error(`No settings for ${EXTENSION_ID} in ${file}: did the extension load?`);
  for (const key of ['granted_permissions', 'active_permissions']) {
    const perms = (settings[key] ?? {}) as { explicit_host?: string[] };
    perms.explicit_host = [...new Set([...(perms.explicit_host ?? []), ...origins])];
    settings[key] = perms;
  }
  writeFileSync(file, JSON.stringify(prefs));
  const browser = await launchBrowser({ ...opts, userDataDir, removeUserDataDirOnClose: true });
  // The worker registers the content script for the granted sites as it starts: wait for it.
  await pollUntil(
    () =>
      browser.worker.evaluate(() =>
        (globalThis as unknown as { chrome: { scripting: { getRegisteredContentScripts(): Promise<Array<{ matches?: string[] }>> } } }).chrome.scripting
          .getRegisteredContentScripts()
          .then((scripts) => scripts.flatMap((s) => s.matches ?? [])),
      ),
    (matches) => origins.every((o) => matches.includes(o)),
    { timeoutMs: 10_000, describe: (m) => `content scripts registered for ${origins.join(', ')}: ${JSON.stringify(m)}` },
  );
  return browser;
}
