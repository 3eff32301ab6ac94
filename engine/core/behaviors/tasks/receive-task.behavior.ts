import type { ElementBehavior } from '../../execution/element-runtime.js';
import { waitForEventBehavior } from '../shared/wait-for-event.js';

/** A receive task waits for its message. */
export const receiveTaskBehavior: ElementBehavior = waitForEventBehavior;
