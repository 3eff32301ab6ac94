/** Compare two versions: the diff itself; the viewers mark it with `instanceOverlays.mark`. */
export { diffDefinitions, type VersionDiff } from './diff-definitions';
