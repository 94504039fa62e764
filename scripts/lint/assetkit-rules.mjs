// Custom Redocly rules, one per defect class found in the vendors' published
// snippets (see specs/CORRECTIONS.md). Each has a fixture in ./fixtures that
// must make it fire; scripts/lint-specs.mjs checks both directions.

// Exported for spec:upstream, which removes such parameters from vendor documents before comparing.
export const CREDENTIAL_HEADER = /^(x-api-key|api-key|apikey|authorization|accesstoken|access-token|x-access-token|x-auth-token|token)$/i;
const isObject = (v) => v !== null && typeof v === 'object';

/** `enum: [{value: x}]` instead of `enum: [x]`: every generator turns that into an object type. */
function EnumScalarValues() {
  return {
    Schema(schema, ctx) {
      if (!Array.isArray(schema.enum)) return;
      schema.enum.forEach((value, i) => {
        if (isObject(value)) {
          ctx.report({
            message: `Enum value #${i} is an object (${JSON.stringify(value)}); enum values must be scalars.`,
            location: ctx.location.child(['enum', i]),
          });
        }
      });
    },
  };
}

/** `tags: [[name]]`: a list inside the tag list. */
function TagsAreStrings() {
  return {
    Operation(op, ctx) {
      if (!Array.isArray(op.tags)) return;
      op.tags.forEach((tag, i) => {
        if (typeof tag !== 'string') {
          ctx.report({
            message: `Tag #${i} is ${Array.isArray(tag) ? 'a nested list' : typeof tag}; tags must be strings.`,
            location: ctx.location.child(['tags', i]),
          });
        }
      });
    },
  };
}

/** API keys and tokens belong in components.securitySchemes, not in per-operation header parameters. */
function NoCredentialHeaderParams() {
  return {
    Parameter(param, ctx) {
      if (param.in === 'header' && typeof param.name === 'string' && CREDENTIAL_HEADER.test(param.name)) {
        ctx.report({
          message: `Header parameter "${param.name}" carries a credential; declare it as a security scheme instead.`,
          location: ctx.location.child('name'),
        });
      }
    },
  };
}

/** Generated clients take their default base URL from servers[0]. */
function ServersRequired() {
  return {
    Root(root, ctx) {
      if (!Array.isArray(root.servers) || root.servers.length === 0) {
        ctx.report({
          message: 'The document declares no servers; clients would have no base URL.',
          location: root.servers ? ctx.location.child('servers') : ctx.location,
        });
      }
    },
  };
}

/** A 4xx/5xx without a body schema leaves the client unable to read the error code. */
function ErrorResponseSchema() {
  return {
    Response(response, ctx) {
      const key = String(ctx.key);
      if (!/^[45](\d\d|XX)$/.test(key) && key !== 'default') return;
      const content = isObject(response.content) ? Object.values(response.content) : [];
      if (content.length === 0 || content.some((media) => !isObject(media) || !media.schema)) {
        ctx.report({
          message: `Error response ${key} has no body schema; describe the error body the server sends.`,
          location: ctx.location,
        });
      }
    },
  };
}

/** In OpenAPI 3.0 every sibling of $ref is ignored, so what it says is silently lost. */
function NoRefSiblings30() {
  let is30 = false;
  return {
    Root: {
      enter(root) {
        is30 = typeof root.openapi === 'string' && root.openapi.startsWith('3.0');
      },
    },
    ref(node, ctx) {
      if (!is30) return;
      const siblings = Object.keys(node).filter((k) => k !== '$ref');
      if (siblings.length > 0) {
        ctx.report({
          message: `$ref has sibling keys (${siblings.join(', ')}) that OpenAPI 3.0 ignores; wrap in allOf or move them.`,
          location: ctx.location,
        });
      }
    },
  };
}

export default function assetkitPlugin() {
  return {
    id: 'assetkit',
    rules: {
      oas3: {
        'enum-scalar-values': EnumScalarValues,
        'tags-are-strings': TagsAreStrings,
        'no-credential-header-params': NoCredentialHeaderParams,
        'servers-required': ServersRequired,
        'error-response-schema': ErrorResponseSchema,
        'no-ref-siblings-30': NoRefSiblings30,
      },
    },
  };
}
