import { apiKeyAuth } from './auth.js';
import type { SessionAuthFactory } from './provider-client.js';
import type { SessionDescriptor } from './descriptor.js';
import { errorFromResponse } from './error-from-response.js';
import { InvalidResponseError } from './errors.js';
import { sessionAuth, type Session } from './session-auth.js';
import { createProviderTransport } from './transport.js';

function pick(source: unknown, path: string): unknown {
  let node = source;
  for (const key of path.split('.')) node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  return node;
}

/** Fills a body template: "$username"/"$password" from the credentials, "$a.b" from the previous token response. */
export function fillTemplate(template: unknown, vars: { username: string; password: string; previous: unknown }): unknown {
  if (typeof template === 'string' && template.startsWith('$')) {
    const name = template.slice(1);
    if (name === 'username') return vars.username;
    if (name === 'password') return vars.password;
    return pick(vars.previous, name);
  }
  if (Array.isArray(template)) return template.map((t) => fillTemplate(t, vars));
  if (template !== null && typeof template === 'object') {
    return Object.fromEntries(Object.entries(template).map(([k, v]) => [k, fillTemplate(v, vars)]));
  }
  return template;
}

/** Reads a Session out of a token response, or throws InvalidResponseError naming the missing field. */
export function sessionFromResponse(descriptor: SessionDescriptor, who: { provider: string; displayName: string }, body: unknown): Session {
  const { provider, displayName } = who;
  const headers: Record<string, string> = {};
  for (const [header, path] of Object.entries(descriptor.headers)) {
    const value = pick(body, path);
    if (typeof value !== 'string' || value === '') {
      throw new InvalidResponseError(`${displayName} token response has no ${path}`, { provider });
    }
    headers[header] = value;
  }
  const expiresAt = pick(body, descriptor.expiresAt);
  if (typeof expiresAt !== 'number' || !Number.isFinite(expiresAt)) {
    throw new InvalidResponseError(`${displayName} token response has no numeric ${descriptor.expiresAt}`, { provider });
  }
  const refreshToken = pick(body, descriptor.refreshToken);
  return { headers, expiresAt, refreshToken: typeof refreshToken === 'string' ? refreshToken : undefined, raw: body };
}

/**
 * Session auth driven by the descriptor: logs in and refreshes through the
 * spec's token operation (a POST with the API key only, retried like a GET:
 * creating a session is safe to repeat).
 */
export const descriptorSessionAuth: SessionAuthFactory = (descriptor, { apiKey, username, password }, baseUrl, options, makeLog) => {
  const session = descriptor.session!;
  const keyAuth = apiKeyAuth(descriptor.apiKey.header, apiKey);
  const secrets = () => [apiKey, password];
  // Creating a session is safe to repeat, so its POST is retried like a GET. The password is redacted too.
  const tokenTransport = createProviderTransport(descriptor, options, { ...keyAuth, secrets }, makeLog ? makeLog(options, secrets) : {}, true);
  const requestToken = async (template: unknown, signal: AbortSignal) => {
    const json = JSON.stringify(template);
    const response = await tokenTransport(
      new Request(`${baseUrl}${session.tokenPath}`, {
        method: 'POST',
        headers: { ...options.headers, ...keyAuth.staticHeaders, 'content-type': 'application/json' },
        body: json,
        signal,
      }),
      { body: json, buffer: true }, // a string: replayable, so the token POST is retried like a GET
    );
    const text = await response.text();
    if (!response.ok) throw errorFromResponse(descriptor.provider, descriptor.displayName, response, text, secrets());
    let token: unknown;
    try {
      token = JSON.parse(text);
    } catch (cause) {
      throw new InvalidResponseError(`${descriptor.displayName} token response is not JSON`, { provider: descriptor.provider, status: response.status, cause });
    }
    return sessionFromResponse(session, descriptor, token);
  };
  return sessionAuth({
    staticHeaders: keyAuth.staticHeaders,
    login: (signal) => requestToken(fillTemplate(session.loginBody, { username, password, previous: undefined }), signal),
    refresh: (previous, signal) => requestToken(fillTemplate(session.refreshBody, { username, password, previous: previous.raw }), signal),
    secrets,
  });
};
