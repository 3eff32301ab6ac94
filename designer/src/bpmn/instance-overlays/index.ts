import { InstanceOverlays } from './instance-overlays';

/** Runtime overlays for the tasklist and cockpit viewers. */
export default {
  __init__: ['instanceOverlays'],
  instanceOverlays: ['type', InstanceOverlays],
};

export type { ElementCounts, Marker } from './instance-overlays';
export { InstanceOverlays };
