import type { ElementBehavior } from '../../execution/element-runtime.js';

/** Script tasks (juel, feel) and camunda:expression service tasks: evaluate, keep the result, go on. */
export const scriptTaskBehavior: ElementBehavior = {
  onEnter(ctx, ei, node) {
    const script = node.script!;
    const result = ctx.evaluate(script.script, ei.id, node.id);
    if (script.resultVariable) ctx.variables.setJs(ei.id, script.resultVariable, result);
    ctx.complete(ei);
  },
};
