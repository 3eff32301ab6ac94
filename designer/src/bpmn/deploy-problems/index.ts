import { DeployProblems } from './deploy-problems';

/** The engine's deploy-time errors on the canvas: markers, badges, reveal. */
export default {
  __init__: ['deployProblems'],
  deployProblems: ['type', DeployProblems],
};

export type { DeployProblem } from './deploy-problems';
export { DeployProblems };
