export * from './engine-permissions.js';
export * from './route-access.js';
