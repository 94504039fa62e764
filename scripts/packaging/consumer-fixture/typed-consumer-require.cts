// A CommonJS TypeScript consumer: `import x = require()` of the ESM-only package,
// which TypeScript >= 5.8 accepts under module nodenext because Node 20.19+ supports require(esm).
import unified = require('@assetkit/unified');

const ref: unified.AssetRef = unified.parseRef('rendernet:abc');
void ref;
