// The public entry point; see ./policy for the engine alone.
export * as policy from './policy/index.js';
