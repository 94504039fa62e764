// Hand-written entry point: the generated client (src/generated/, never edited by hand)
// plus the helpers written for this provider beside it.
export * from './generated/index.js';
