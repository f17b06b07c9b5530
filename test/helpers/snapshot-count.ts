import type { TestServer } from './server.js';

/**
 * Counts the restaurant snapshots the server builds (OrderService.restaurantSnapshot, the costly part
 * of a join) until `restore()`: how the snapshot tests tell a refused join from one that was built.
 */
export function countSnapshots(server: TestServer): { built(): number; restore(): void } {
  let built = 0;
  const original = server.orders.restaurantSnapshot;
  server.orders.restaurantSnapshot = async function (this: unknown, ...args) {
    built++;
    return original.apply(server.orders, args);
  };
  return { built: () => built, restore: () => void (server.orders.restaurantSnapshot = original) };
}
