// Derives a provider's runtime descriptor (see packages/runtime/src/descriptor.ts)
// from its spec: servers, securitySchemes and the x-assetkit extensions.

function fail(spec, message) {
  throw new Error(`specs/${spec}.yaml: ${message}`);
}

export function descriptorFromSpec(name, doc) {
  const meta = doc.info?.['x-assetkit'];
  if (!meta?.provider || !meta?.clientName) fail(name, 'info.x-assetkit needs provider and clientName');
  if (meta.provider !== name) fail(name, `info.x-assetkit.provider is "${meta.provider}", expected "${name}"`);
  const servers = (doc.servers ?? []).map((s) => s.url);
  if (servers.length === 0) fail(name, 'no servers');

  const schemes = Object.values(doc.components?.securitySchemes ?? {});
  const keyScheme = schemes.find((s) => s['x-assetkit-credential'] === 'apiKey');
  if (!keyScheme || keyScheme.type !== 'apiKey' || keyScheme.in !== 'header') {
    fail(name, 'needs an apiKey header security scheme marked x-assetkit-credential: apiKey');
  }
  const env = name.toUpperCase();
  const descriptor = {
    provider: name,
    displayName: meta.clientName,
    servers,
    apiKey: { header: keyScheme.name, env: `${env}_API_KEY` },
  };

  const tokenSchemes = schemes.filter((s) => s['x-assetkit-token-field']);
  if (tokenSchemes.length > 0) {
    const tokenOps = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
      Object.values(item).filter((op) => op?.['x-assetkit-session']).map((op) => ({ path, session: op['x-assetkit-session'] })),
    );
    if (tokenOps.length !== 1) fail(name, 'token security schemes need exactly one operation with x-assetkit-session');
    const { path, session } = tokenOps[0];
    descriptor.session = {
      tokenPath: path,
      env: { username: `${env}_USERNAME`, password: `${env}_PASSWORD` },
      loginBody: session.loginBody,
      refreshBody: session.refreshBody,
      headers: Object.fromEntries(tokenSchemes.map((s) => [s.name, s['x-assetkit-token-field']])),
      expiresAt: session.expiresAt,
      refreshToken: session.refreshToken,
    };
  }
  return { descriptor, clientName: meta.clientName };
}
