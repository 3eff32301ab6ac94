/** htm bound to Preact: tagged templates instead of a JSX build step. */
export { html } from 'htm/preact';
export type { VNode } from 'preact';
