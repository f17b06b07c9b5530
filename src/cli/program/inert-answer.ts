import { inertText } from '../../protocol/inert-text.js';

/**
 * Every string in a parsed server answer (values and keys, at any depth) made inert with `inertText`,
 * in place; answers the same value. For text output: order text from the store, or from an older or
 * hostile server, is then printed as what it is, next to the CLI's own colours, and cannot carry an
 * escape sequence of its own. Walks with an explicit stack, so a deeply nested answer cannot overflow.
 */
export function inertAnswer<T>(answer: T): T {
  if (typeof answer === 'string') return inertText(answer) as T;
  const stack: unknown[] = [answer];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const item: unknown = node[i];
        if (typeof item === 'string') node[i] = inertText(item);
        else if (item !== null && typeof item === 'object') stack.push(item);
      }
    } else if (node !== null && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        const item = record[key];
        const safeKey = inertText(key);
        if (safeKey !== key) delete record[key];
        if (typeof item === 'string') record[safeKey] = inertText(item);
        else {
          record[safeKey] = item;
          if (item !== null && typeof item === 'object') stack.push(item);
        }
      }
    }
  }
  return answer;
}
