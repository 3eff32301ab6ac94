export * from './engine-permissions.js';
export * from './route-access.js';
export * from './audited.js';
export * from './audit-details.js';
